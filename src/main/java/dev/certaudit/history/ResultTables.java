package dev.certaudit.history;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tables that hold what a run found, every one but {@code audit_run} that carries a run id, and the
 * deletion of one run's rows from them when it is pruned.
 * <p>
 * A run of a million endpoints has millions of rows here, chains included: deleted in one transaction
 * they would hold PostgreSQL's locks and its WAL, and H2's undo log, for minutes. So each table is
 * emptied of the run a chunk of keys at a time, one transaction each, children before the tables they
 * reference; a prune cut short leaves the run whole enough to be pruned again.
 */
@Repository
public class ResultTables {

	/**
	 * Each table with the key its rows are cut into chunks along, after the run id (the leading columns
	 * of its primary key, so a chunk is one index range); no key where a run has a handful of rows.
	 */
	static final List<Table> TABLES = List.of(new Table("finding", "target_id"), new Table("assessment", "target_id"),
			new Table("probe_result", "target_id"), new Table("target_slice", "target_id"),
			new Table("audit_target", "target_id"),
			new Table("audit_candidate", "candidate_id"), new Table("discovered_name", "name"),
			new Table("inventory_rejection", "line_id"), new Table("ct_name", "entry_id"),
			new Table("ct_entry", "entry_id"), new Table("mail_delivery", null), new Table("run_report_settings", null),
			new Table("run_judgement", null));

	/** Keys per transaction: a few thousand rows (findings, chains) each on PostgreSQL. */
	private static final int CHUNK = 2000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final int chunk;

	@Autowired
	public ResultTables(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this(dataSource, transactionManager, CHUNK);
	}

	/** @param chunk keys per transaction */
	ResultTables(DataSource dataSource, PlatformTransactionManager transactionManager, int chunk) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.chunk = chunk;
	}

	/** Deletes the run's rows from every table here; its {@code audit_run} row stays. */
	public void deleteRun(long runId) {
		for (Table table : TABLES) {
			if (table.key() == null) {
				this.transactions.executeWithoutResult(
						(status) -> this.jdbc.update("DELETE FROM " + table.name() + " WHERE run_id = ?", runId));
			}
			else {
				deleteInChunks(table, runId);
			}
		}
	}

	/**
	 * Each chunk starts after the last key of the one before, so PostgreSQL's index scan does not wade
	 * through the entries the chunks before left dead until vacuum.
	 */
	private void deleteInChunks(Table table, long runId) {
		Object after = null;
		while (true) {
			Object from = after;
			after = this.transactions.execute((status) -> {
				List<Object> arguments = new ArrayList<>(List.of(runId));
				String range = "run_id = ?";
				if (from != null) {
					range += " AND " + table.key() + " > ?";
					arguments.add(from);
				}
				Object last = this.jdbc.queryForObject("SELECT MAX(" + table.key() + ") FROM (SELECT " + table.key()
						+ " FROM " + table.name() + " WHERE " + range + " ORDER BY " + table.key() + " FETCH FIRST "
						+ this.chunk + " ROWS ONLY) chunk", Object.class, arguments.toArray());
				if (last != null) {
					arguments.add(last);
					this.jdbc.update("DELETE FROM " + table.name() + " WHERE " + range + " AND " + table.key() + " <= ?",
							arguments.toArray());
				}
				return last;
			});
			if (after == null) {
				return;
			}
		}
	}

	/** @param key null: the run's rows are deleted at once */
	record Table(String name, String key) {
	}

}
