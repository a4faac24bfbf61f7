package dev.certaudit.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.support.DefaultDataFieldMaxValueIncrementerFactory;
import org.springframework.batch.infrastructure.support.DatabaseType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Repository;

/** The runs: which inventories each audits, when it was created, and which process works on it. */
@Repository
public class RunStore {

	private final JdbcTemplate jdbc;

	private final DataFieldMaxValueIncrementer runIds;

	public RunStore(DataSource dataSource) throws MetaDataAccessException {
		this.jdbc = new JdbcTemplate(dataSource);
		this.runIds = new DefaultDataFieldMaxValueIncrementerFactory(dataSource)
			.getIncrementer(DatabaseType.fromMetaData(dataSource).name(), "audit_run_seq");
	}

	/** @param ownerLease the lease of the process that creates the run, or null */
	public AuditRun createRun(List<String> inventories, String ownerHost, long ownerPid, String ownerLease) {
		long runId = this.runIds.nextLongValue();
		Instant now = Instant.now();
		this.jdbc.update("INSERT INTO audit_run (run_id, created_at, inventories, owner_host, owner_pid, owner_lease)"
				+ " VALUES (?, ?, ?, ?, ?, ?)", runId, Columns.timestamp(now), String.join("\n", inventories), ownerHost,
				ownerPid, ownerLease);
		return new AuditRun(runId, now, inventories, ownerHost, ownerPid, ownerLease);
	}

	/** Records which process works on the run now, so another can tell a live run from a dead one. */
	public void claimRun(long runId, String ownerHost, long ownerPid, String ownerLease) {
		this.jdbc.update("UPDATE audit_run SET owner_host = ?, owner_pid = ?, owner_lease = ? WHERE run_id = ?",
				ownerHost, ownerPid, ownerLease, runId);
	}

	public Optional<AuditRun> findRun(long runId) {
		return this.jdbc.query("SELECT * FROM audit_run WHERE run_id = ?", RunStore::mapRun, runId)
			.stream()
			.findFirst();
	}

	/** Every run, most recent first. */
	public List<AuditRun> runs() {
		return this.jdbc.query("SELECT * FROM audit_run ORDER BY run_id DESC", RunStore::mapRun);
	}

	/** Removes the run itself, once its results are deleted ({@link ResultTables#deleteRun}). */
	public void deleteRun(long runId) {
		this.jdbc.update("DELETE FROM audit_run WHERE run_id = ?", runId);
	}

	/** Most recent first. */
	public List<AuditRun> recentRuns(int limit) {
		return this.jdbc.query("SELECT * FROM audit_run ORDER BY run_id DESC FETCH FIRST " + limit + " ROWS ONLY",
				RunStore::mapRun);
	}

	private static AuditRun mapRun(ResultSet rs, int row) throws SQLException {
		return new AuditRun(rs.getLong("run_id"), Columns.instant(rs, "created_at"),
				List.of(rs.getString("inventories").split("\n")), rs.getString("owner_host"), rs.getLong("owner_pid"),
				rs.getString("owner_lease"));
	}

}
