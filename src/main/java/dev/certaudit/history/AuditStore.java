package dev.certaudit.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.support.DatabaseType;
import org.springframework.batch.infrastructure.item.database.support.DefaultDataFieldMaxValueIncrementerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.stereotype.Repository;

import dev.certaudit.analysis.AcrossAddressesRule;
import dev.certaudit.analysis.Assessment;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;
import dev.certaudit.probe.ProbeOutcome;
import dev.certaudit.probe.ProbeResult;

/**
 * The project's tables. Writers replace the rows of the keys they are given (delete, then insert, in
 * the caller's transaction) so a chunk redone after a restart leaves exactly one row per target.
 */
@Repository
public class AuditStore {

	private static final String PEM_SEPARATOR = "\n";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final DataFieldMaxValueIncrementer runIds;

	public AuditStore(DataSource dataSource) throws MetaDataAccessException {
		this.jdbc = new JdbcTemplate(dataSource);
		this.named = new NamedParameterJdbcTemplate(this.jdbc);
		this.runIds = new DefaultDataFieldMaxValueIncrementerFactory(dataSource)
			.getIncrementer(DatabaseType.fromMetaData(dataSource).name(), "audit_run_seq");
	}

	public AuditRun createRun(List<String> inventories, String ownerHost, long ownerPid) {
		long runId = this.runIds.nextLongValue();
		Instant now = Instant.now();
		this.jdbc.update(
				"INSERT INTO audit_run (run_id, created_at, inventories, owner_host, owner_pid) VALUES (?, ?, ?, ?, ?)",
				runId, timestamp(now), String.join("\n", inventories), ownerHost, ownerPid);
		return new AuditRun(runId, now, inventories, ownerHost, ownerPid);
	}

	/** Records which process works on the run now, so another can tell a live run from a dead one. */
	public void claimRun(long runId, String ownerHost, long ownerPid) {
		this.jdbc.update("UPDATE audit_run SET owner_host = ?, owner_pid = ? WHERE run_id = ?", ownerHost, ownerPid,
				runId);
	}

	public Optional<AuditRun> findRun(long runId) {
		return this.jdbc.query("SELECT * FROM audit_run WHERE run_id = ?", AuditStore::mapRun, runId)
			.stream()
			.findFirst();
	}

	/** Most recent first. */
	public List<AuditRun> recentRuns(int limit) {
		return this.jdbc.query("SELECT * FROM audit_run ORDER BY run_id DESC FETCH FIRST " + limit + " ROWS ONLY",
				AuditStore::mapRun);
	}

	public void saveCandidates(Collection<? extends AuditCandidate> candidates) {
		this.jdbc.batchUpdate("DELETE FROM audit_candidate WHERE run_id = ? AND candidate_id = ?",
				candidates.stream().map((c) -> new Object[] { c.runId(), c.candidateId() }).toList());
		this.jdbc.batchUpdate(
				"INSERT INTO audit_candidate (run_id, candidate_id, host, port, protocol, address, labels, origin, explicit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				candidates.stream().map((c) -> new Object[] { c.runId(), c.candidateId(), c.target().host(),
						c.target().port(), c.target().protocol().name(), c.target().address(), c.target().labelText(),
						c.target().origin(), c.explicit() })
					.toList());
	}

	/** The candidates of a run with one of the given names. */
	public List<AuditCandidate> candidatesNamed(long runId, Collection<String> names) {
		if (names.isEmpty()) {
			return List.of();
		}
		return this.named.query("SELECT * FROM audit_candidate WHERE run_id = :run AND host IN (:names) ORDER BY candidate_id",
				new MapSqlParameterSource("run", runId).addValue("names", names),
				(rs, i) -> new AuditCandidate(rs.getLong("run_id"), rs.getLong("candidate_id"),
						mapTarget(rs, "address", rs.getString("origin")), rs.getBoolean("explicit")));
	}

	public void saveDiscoveredNames(Collection<? extends DiscoveredName> names) {
		this.jdbc.batchUpdate("DELETE FROM discovered_name WHERE run_id = ? AND name = ?",
				names.stream().map((n) -> new Object[] { n.runId(), n.resolution().name() }).toList());
		this.jdbc.batchUpdate(
				"INSERT INTO discovered_name (run_id, name, outcome, cname_chain, addresses, detail) VALUES (?, ?, ?, ?, ?, ?)",
				names.stream().map((n) -> {
					NameResolution r = n.resolution();
					return new Object[] { n.runId(), r.name(), r.outcome().name(), truncate(String.join(" ", r.cnameChain()), 2000),
							truncate(String.join(" ", r.addresses()), 4000), truncate(r.detail(), 1000) };
				}).toList());
	}

	/** Replaces every target of the given candidates, so a redone discovery chunk leaves no stale address. */
	public void replaceTargets(long runId, Collection<Long> candidateIds, Collection<? extends AuditTarget> targets) {
		this.jdbc.batchUpdate("DELETE FROM audit_target WHERE run_id = ? AND candidate_id = ?",
				candidateIds.stream().map((id) -> new Object[] { runId, id }).toList());
		this.jdbc.batchUpdate(
				"INSERT INTO audit_target (run_id, target_id, candidate_id, host, port, protocol, address, labels, origin, unresolved) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				targets.stream().map((t) -> new Object[] { t.runId(), t.targetId(), t.candidateId(), t.target().host(),
						t.target().port(), t.target().protocol().name(), t.target().address(), t.target().labelText(),
						t.target().origin(), truncate(t.unresolved(), 1000) })
					.toList());
	}

	public void saveRejections(Collection<? extends Rejection> rejections) {
		for (Rejection rejection : rejections) {
			this.jdbc.update("DELETE FROM inventory_rejection WHERE run_id = ? AND line_id = ?", rejection.runId(),
					rejection.lineId());
		}
		this.jdbc.batchUpdate(
				"INSERT INTO inventory_rejection (run_id, line_id, origin, line_text, reason) VALUES (?, ?, ?, ?, ?)",
				rejections.stream().map((r) -> new Object[] { r.runId(), r.lineId(), r.line().origin(),
						truncate(r.line().line(), 2000), truncate(r.line().reason(), 1000) }).toList());
	}

	public void saveProbes(Collection<? extends ProbedTarget> probes) {
		replace("probe_result", probes.stream().map((p) -> new long[] { p.runId(), p.targetId() }).toList());
		this.jdbc.batchUpdate(
				"INSERT INTO probe_result (run_id, target_id, address, outcome, detail, tls_protocol, cipher_suite, chain_pem, fetched_at, duration_ms, key_matches, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				probes.stream().map((p) -> {
					ProbeResult r = p.probe();
					return new Object[] { p.runId(), p.targetId(), r.address(), r.outcome().name(),
							truncate(r.detail(), 2000), r.tlsProtocol(), r.cipherSuite(),
							r.chainPem().isEmpty() ? null : String.join(PEM_SEPARATOR, r.chainPem()),
							timestamp(r.fetchedAt()), r.durationMillis(), r.keyMatches(), r.attempts() };
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
							s.daysLeft(), timestamp(s.notBefore()), timestamp(s.notAfter()), s.subject(), s.issuer(),
							String.join("\n", s.subjectAltNames()), s.serialNumber(), s.sha256() };
				}).toList());
		List<Object[]> findings = new ArrayList<>();
		for (AssessedTarget a : assessed) {
			List<Finding> list = a.assessment().findings();
			for (int i = 0; i < list.size(); i++) {
				Finding f = list.get(i);
				findings.add(new Object[] { a.runId(), a.targetId(), i, f.ruleId().value(), f.severity().name(),
						truncate(f.message(), 4000), f.remediation() });
			}
		}
		this.jdbc.batchUpdate(
				"INSERT INTO finding (run_id, target_id, ordinal, rule_id, severity, message, remediation) VALUES (?, ?, ?, ?, ?, ?, ?)",
				findings);
	}

	/** A certificate one target served, for comparing the addresses of a name. */
	public record ServedCertificate(long targetId, AcrossAddressesRule.Served served) {
	}

	/** What every address of a name, port and protocol served, in address order. */
	public List<ServedCertificate> servedCertificates(long runId, String host, int port, String protocol) {
		return this.jdbc.query("SELECT t.target_id, t.address, a.sha256, a.serial_number, a.not_after"
				+ " FROM audit_target t JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id"
				+ " WHERE t.run_id = ? AND t.host = ? AND t.port = ? AND t.protocol = ? AND a.sha256 IS NOT NULL"
				+ " ORDER BY t.address",
				(rs, i) -> new ServedCertificate(rs.getLong("target_id"),
						new AcrossAddressesRule.Served(rs.getString("address"), rs.getString("sha256"),
								rs.getString("serial_number"), instant(rs, "not_after"))),
				runId, host, port, protocol);
	}

	/**
	 * Adds a finding that concerns several targets together, replacing an earlier copy of it, and raises
	 * targets judged OK to WARNING or the finding's severity.
	 */
	public void saveGroupFinding(long runId, Collection<Long> targetIds, Finding finding) {
		this.jdbc.batchUpdate("DELETE FROM finding WHERE run_id = ? AND target_id = ? AND rule_id = ?",
				targetIds.stream().map((id) -> new Object[] { runId, id, finding.ruleId().value() }).toList());
		this.jdbc.batchUpdate(
				"INSERT INTO finding (run_id, target_id, ordinal, rule_id, severity, message, remediation)"
						+ " SELECT ?, ?, COALESCE(MAX(ordinal), -1) + 1, ?, ?, ?, ? FROM finding WHERE run_id = ? AND target_id = ?",
				targetIds.stream().map((id) -> new Object[] { runId, id, finding.ruleId().value(),
						finding.severity().name(), truncate(finding.message(), 4000), finding.remediation(), runId, id })
					.toList());
		Status raised = (finding.severity() == Severity.CRITICAL) ? Status.CRITICAL : Status.WARNING;
		this.jdbc.batchUpdate("UPDATE assessment SET status = ?, status_rank = ? WHERE run_id = ? AND target_id = ? AND status_rank > ?",
				targetIds.stream().map((id) -> new Object[] { raised.name(), raised.ordinal(), runId, id, raised.ordinal() })
					.toList());
	}

	// Readers of the job's steps select with these mappers; the column lists live here beside them.

	public static final String TARGET_COLUMNS = "run_id, target_id, candidate_id, host, port, protocol, address, labels, origin, unresolved";

	public static final RowMapper<AuditTarget> TARGET_MAPPER = (rs, i) -> new AuditTarget(rs.getLong("run_id"),
			rs.getLong("target_id"), rs.getLong("candidate_id"), mapTarget(rs, "address", rs.getString("origin")),
			rs.getString("unresolved"));

	public static final String PROBE_COLUMNS = "run_id, target_id, host, protocol, address, outcome, detail, tls_protocol, cipher_suite, chain_pem, fetched_at, duration_ms, key_matches, attempts";

	public static final RowMapper<ProbedTarget> PROBE_MAPPER = (rs, i) -> new ProbedTarget(rs.getLong("run_id"),
			rs.getLong("target_id"), rs.getString("host"), Protocol.valueOf(rs.getString("protocol")),
			new ProbeResult(rs.getString("address"), ProbeOutcome.valueOf(rs.getString("outcome")),
					rs.getString("detail"), splitPem(rs.getString("chain_pem")), rs.getString("tls_protocol"),
					rs.getString("cipher_suite"), instant(rs, "fetched_at"), rs.getLong("duration_ms"),
					rs.getObject("key_matches", Boolean.class), rs.getInt("attempts")));

	/** The target columns of the current row; {@code addressColumn} names the inventory's address override. */
	public static Target mapTarget(ResultSet rs, String addressColumn, String origin) throws SQLException {
		return new Target(rs.getString("host"), rs.getInt("port"), Protocol.valueOf(rs.getString("protocol")),
				rs.getString(addressColumn), parseLabels(rs.getString("labels")), origin);
	}

	private static Map<String, String> parseLabels(String text) {
		Map<String, String> labels = new HashMap<>();
		if (text != null && !text.isBlank()) {
			for (String pair : text.split(" ")) {
				int equals = pair.indexOf('=');
				labels.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
		}
		return labels;
	}

	/** The PEM certificates of a chain as {@link #saveProbes} stored it. */
	public static List<String> splitPem(String joined) {
		if (joined == null || joined.isEmpty()) {
			return List.of();
		}
		List<String> pems = new ArrayList<>();
		for (String part : joined.split("(?<=-----END CERTIFICATE-----\n)")) {
			if (!part.isBlank()) {
				pems.add(part.strip() + "\n");
			}
		}
		return pems;
	}

	private void replace(String table, List<long[]> keys) {
		this.jdbc.batchUpdate("DELETE FROM " + table + " WHERE run_id = ? AND target_id = ?",
				keys.stream().map((k) -> new Object[] { k[0], k[1] }).toList());
	}

	private static AuditRun mapRun(ResultSet rs, int row) throws SQLException {
		return new AuditRun(rs.getLong("run_id"), instant(rs, "created_at"),
				List.of(rs.getString("inventories").split("\n")), rs.getString("owner_host"), rs.getLong("owner_pid"));
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
