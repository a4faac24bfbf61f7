package dev.certaudit.history;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.certaudit.analysis.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pruned run's rows leave every table that carries a run id, a few keys per transaction; each
 * subclass on one database.
 */
@Import(RecordedRuns.class)
abstract class ResultTablesTests {

	private static final OffsetDateTime AT = OffsetDateTime.parse("2026-05-22T02:15:00Z");

	@Autowired
	RecordedRuns runs;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void everyTableThatCarriesARunIdButTheRunsOwnIsAResultTable() {
		assertThat(ResultTables.TABLES.stream().map(ResultTables.Table::name))
			.containsExactlyInAnyOrderElementsOf(tablesWithARunId().stream().filter((t) -> !t.equals("audit_run")).toList());
	}

	@Test
	void deletedRunLeavesNoRowInAnyTableAndTheOtherRunsKeepAllTheirs() {
		AuditRun pruned = this.runs.newRun("hosts:/etc/cert-audit/hosts.txt");
		AuditRun kept = this.runs.newRun("hosts:/etc/cert-audit/hosts.txt");
		// more keys than a chunk of 3 in every table that is cut into chunks
		fill(pruned, 8);
		fill(kept, 5);
		Map<String, Long> keptRows = rows(kept);
		assertThat(keptRows).as("every table holds rows of the run, so none is left out of this test")
			.allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());

		new ResultTables(this.dataSource, this.transactionManager, 3).deleteRun(pruned.runId());

		assertThat(rows(pruned)).containsEntry("audit_run", 1L)
			.allSatisfy((table, rows) -> assertThat(rows).as(table).isEqualTo(table.equals("audit_run") ? 1L : 0L));
		assertThat(rows(kept)).isEqualTo(keptRows);
	}

	private void fill(AuditRun run, int endpoints) {
		long id = run.runId();
		for (int target = 1; target <= endpoints; target++) {
			String host = "host" + target + ".example.test";
			this.runs.endpoint(run, target, host, 443)
				.fetchedFrom("192.0.2." + target)
				.assessed(Status.CRITICAL)
				.finding("CRIT_CERT_EXPIRING")
				.finding("WARN_CHAIN_INCOMPLETE")
				.save();
			this.runs.notFoundInDns(run, "gone" + target + ".example.test");
			this.jdbc.update("INSERT INTO target_slice (run_id, target_id, slice) VALUES (?, ?, ?)", id, target,
					target % 2);
			this.jdbc.update("INSERT INTO audit_candidate (run_id, candidate_id, host, port, protocol, labels, origin,"
					+ " explicit) VALUES (?, ?, ?, 443, 'TLS', '', 'hosts.txt:1', TRUE)", id, target, host);
			this.jdbc.update("INSERT INTO inventory_rejection (run_id, line_id, origin, line_text, reason)"
					+ " VALUES (?, ?, 'hosts.txt', 'bad:44x3', 'port')", id, target);
			this.jdbc.update("INSERT INTO ct_entry (run_id, entry_id, serial_number, names, not_after)"
					+ " VALUES (?, ?, '0a', ?, ?)", id, target, host, AT);
			this.jdbc.update("INSERT INTO ct_name (run_id, entry_id, name) VALUES (?, ?, ?)", id, target, host);
			this.jdbc.update("INSERT INTO ct_name (run_id, entry_id, name) VALUES (?, ?, ?)", id, target, "www." + host);
		}
		this.jdbc.update("INSERT INTO mail_delivery (run_id, attempted_at, status, recipients) VALUES (?, ?, 'SENT', 'ops')",
				id, AT);
		this.jdbc.update("INSERT INTO run_report_settings (run_id, organisation, critical_days, warning_days, formats)"
				+ " VALUES (?, '', 7, 30, 'XLSX')", id);
		this.jdbc.update("INSERT INTO run_judgement (run_id, digest, settings) VALUES (?, 'ab', 'fetch.retries=3')", id);
	}

	/** Each table's rows of the run. */
	private Map<String, Long> rows(AuditRun run) {
		Map<String, Long> rows = new TreeMap<>();
		for (String table : tablesWithARunId()) {
			rows.put(table, this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE run_id = ?", Long.class,
					run.runId()));
		}
		return rows;
	}

	private List<String> tablesWithARunId() {
		return this.jdbc
			.queryForList("SELECT table_name FROM information_schema.columns WHERE table_schema = CURRENT_SCHEMA"
					+ " AND LOWER(column_name) = 'run_id'", String.class)
			.stream()
			.map((table) -> table.toLowerCase(Locale.ROOT))
			.toList();
	}

}
