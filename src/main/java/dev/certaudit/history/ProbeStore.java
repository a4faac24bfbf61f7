package dev.certaudit.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.certaudit.analysis.AssessedTarget;
import dev.certaudit.analysis.Assessment;
import dev.certaudit.analysis.Finding;
import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.probe.Pem;
import dev.certaudit.probe.ProbeResult;
import dev.certaudit.probe.ProbedTarget;

/**
 * What fetchAndAnalyse reads and writes: the targets still to probe, each probe and its verdict, and
 * how far a slice of targets has come.
 */
@Repository
public class ProbeStore {

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	public ProbeStore(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * The run's targets in {@code slice} without a committed probe, in target order. The query itself
	 * skips what was committed, so the reader keeps no position for a restart.
	 */
	public JdbcPagingItemReader<AuditTarget> unprobedTargets(long runId, TargetSlice slice, int pageSize)
			throws Exception {
		return new JdbcPagingItemReaderBuilder<AuditTarget>().name("unprobedTargets")
			.dataSource(this.dataSource)
			.selectClause("SELECT run_id, target_id, candidate_id, host, port, protocol, address, labels, origin,"
					+ " unresolved, unanswered_lookup")
			.fromClause("FROM audit_target t")
			.whereClause("WHERE t.run_id = :run" + inSlice("t", slice) + " AND NOT EXISTS"
					+ " (SELECT 1 FROM probe_result p WHERE p.run_id = t.run_id AND p.target_id = t.target_id)")
			.parameterValues(Map.of("run", runId))
			.sortKeys(Map.of("target_id", Order.ASCENDING))
			.rowMapper((rs, i) -> new AuditTarget(rs.getLong("run_id"), rs.getLong("target_id"),
					rs.getLong("candidate_id"), Columns.target(rs, "address", rs.getString("origin")),
					rs.getString("unresolved"), rs.getString("unanswered_lookup")))
			.pageSize(pageSize)
			.saveState(false)
			.build();
	}

	/**
	 * Deals the run's targets, shuffled, out to {@code slices} slices in turn, in place of any dealt
	 * before: slices of one size, each a random sample of the run. Dealt in inventory order, a list
	 * that repeats with a period (a domain per service prefix, {@code host:443} then {@code host:25})
	 * would put every slow service in the same slices. Second looks are not dealt: they are probed
	 * with their target.
	 */
	public void dealSlices(long runId, int slices) {
		this.jdbc.update("DELETE FROM target_slice WHERE run_id = ?", runId);
		this.jdbc.update("INSERT INTO target_slice (run_id, target_id, slice)"
				+ " SELECT run_id, target_id, MOD(ROW_NUMBER() OVER (ORDER BY RANDOM()) - 1, ?) FROM audit_target"
				+ " WHERE run_id = ? AND certificate_variant IS NULL", slices, runId);
	}

	/** Targets of the run that discovery made, second looks at dual-certificate servers left out. */
	public long discoveredTargets(long runId) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_target WHERE run_id = ? AND certificate_variant IS NULL", Long.class, runId);
	}

	/** The rows of second looks at dual-certificate servers, which discovery could not know of. */
	public void saveSecondLooks(Collection<AuditTarget> targets) {
		replace("audit_target", targets.stream().map((t) -> new long[] { t.runId(), t.targetId() }).toList());
		Columns.insertTargets(this.jdbc, targets);
	}

	public void saveProbes(Collection<? extends ProbedTarget> probes) {
		replace("probe_result", probes.stream().map((p) -> new long[] { p.runId(), p.targetId() }).toList());
		this.jdbc.batchUpdate(
				"INSERT INTO probe_result (run_id, target_id, address, outcome, detail, tls_protocol, cipher_suite, key_exchange, chain_pem, fetched_at, duration_ms, key_matches, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				probes.stream().map((p) -> {
					ProbeResult r = p.probe();
					return new Object[] { p.runId(), p.targetId(), r.address(), r.outcome().name(),
							Columns.truncate(r.detail(), 2000), Columns.truncate(r.tlsProtocol(), 32),
							Columns.truncate(r.cipherSuite(), 128), Columns.truncate(r.keyExchange(), 64),
							Columns.truncate(Pem.join(r.chain()), 1_000_000), Columns.timestamp(r.fetchedAt()),
							r.durationMillis(), r.keyMatches(), r.attempts() };
				}).toList());
	}

	public void saveAssessments(Collection<? extends AssessedTarget> assessed) {
		List<long[]> keys = assessed.stream().map((a) -> new long[] { a.runId(), a.targetId() }).toList();
		replace("finding", keys);
		replace("assessment", keys);
		this.jdbc.batchUpdate(
				"INSERT INTO assessment (run_id, target_id, status, status_rank, days_left, not_before, not_after, subject, issuer, subject_alt_names, serial_number, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				assessed.stream().map((a) -> {
					Assessment s = a.assessment();
					return new Object[] { a.runId(), a.targetId(), s.status().name(), s.status().ordinal(),
							s.daysLeft(), Columns.timestamp(s.notBefore()), Columns.timestamp(s.notAfter()),
							Columns.truncate(s.subject(), 2000), Columns.truncate(s.issuer(), 2000),
							Columns.truncate(String.join("\n", s.subjectAltNames()), 20000),
							Columns.truncate(s.serialNumber(), 128), s.sha256() };
				}).toList());
		List<Object[]> findings = new ArrayList<>();
		for (AssessedTarget a : assessed) {
			List<Finding> list = a.assessment().findings();
			for (int i = 0; i < list.size(); i++) {
				Finding f = list.get(i);
				findings.add(new Object[] { a.runId(), a.targetId(), i, f.ruleId().value(), f.severity().name(),
						Columns.truncate(f.message(), 4000), f.remediation() });
			}
		}
		this.jdbc.batchUpdate(
				"INSERT INTO finding (run_id, target_id, ordinal, rule_id, severity, message, remediation) VALUES (?, ?, ?, ?, ?, ?, ?)",
				findings);
	}

	/** Targets of the run in {@code slice}. */
	public long targets(long runId, TargetSlice slice) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_target t WHERE t.run_id = ?" + inSlice("t", slice),
				Long.class, runId);
	}

	/** Probes committed for the run's targets in {@code slice}, and how many of them failed. */
	public ProbeCount probed(long runId, TargetSlice slice) {
		return this.jdbc.queryForObject("SELECT COUNT(*) AS done,"
				+ " COALESCE(SUM(CASE WHEN outcome <> 'FETCHED' THEN 1 ELSE 0 END), 0) AS errors FROM probe_result p"
				+ " WHERE p.run_id = ?" + inSlice("p", slice),
				(rs, i) -> new ProbeCount(rs.getLong("done"), rs.getLong("errors")), runId);
	}

	/** The condition that keeps the rows of {@code alias} in the slice; none for every target. */
	private static String inSlice(String alias, TargetSlice slice) {
		return slice.isAll() ? "" : " AND " + alias + ".target_id IN (SELECT s.target_id FROM target_slice s"
				+ " WHERE s.run_id = " + alias + ".run_id AND s.slice = " + slice.index() + ")";
	}

	/** Committed probes, and those among them that brought back no chain. */
	public record ProbeCount(long done, long errors) {
	}

	private void replace(String table, List<long[]> keys) {
		this.jdbc.batchUpdate("DELETE FROM " + table + " WHERE run_id = ? AND target_id = ?",
				keys.stream().map((k) -> new Object[] { k[0], k[1] }).toList());
	}

}
