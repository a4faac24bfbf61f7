package dev.certaudit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.AuditStore;
import dev.certaudit.inventory.RejectedLine;
import dev.certaudit.inventory.Target;

/** Reads a run's results back from the database in the shape the reports show them. */
@Repository
public class ReportQueries {

	public static final String ROW_SELECT = "SELECT t.target_id, t.host, t.port, t.protocol, t.address AS address_override, t.labels, p.address, p.detail, a.status, a.status_rank, a.days_left, a.not_before, a.not_after, a.subject, a.issuer, a.subject_alt_names, p.attempts";

	public static final String ROW_FROM = "FROM audit_target t JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id LEFT JOIN probe_result p ON p.run_id = t.run_id AND p.target_id = t.target_id";

	/** Most urgent first, then soonest expiry, then inventory order: the order of every report. */
	public static final String ROW_ORDER = "ORDER BY a.status_rank, a.days_left NULLS LAST, t.target_id";

	/** Report rows without findings; {@link #findings} adds those a chunk at a time. */
	public static final RowMapper<ReportRow> ROW_MAPPER = (rs, i) -> {
		Status status = Status.valueOf(rs.getString("status"));
		String sans = rs.getString("subject_alt_names");
		String address = rs.getString("address");
		Target target = AuditStore.mapTarget(rs, "address_override", "");
		return new ReportRow(rs.getLong("target_id"), target.host(), target.port(), target.protocol().name(),
				(address != null) ? address : target.address(), target.owner(), target.labelText(), status,
				rs.getObject("days_left", Integer.class), AuditStore.instant(rs, "not_before"),
				AuditStore.instant(rs, "not_after"), rs.getString("subject"), rs.getString("issuer"),
				(sans == null || sans.isEmpty()) ? List.of() : Arrays.asList(sans.split("\n")), List.of(),
				(status == Status.ERROR) ? rs.getString("detail") : null, rs.getInt("attempts"));
	};

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	public ReportQueries(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.named = new NamedParameterJdbcTemplate(this.jdbc);
	}

	public RunSummary summary(AuditRun run) {
		return new RunSummary(run.runId(), run.createdAt(), Instant.now(), run.inventories(),
				countsByStatus(run.runId()), rejections(run.runId()), namesByOutcome(run.runId()));
	}

	public Map<Status, Long> countsByStatus(long runId) {
		Map<Status, Long> counts = new EnumMap<>(Status.class);
		this.jdbc.query("SELECT status, COUNT(*) AS n FROM assessment WHERE run_id = ? GROUP BY status",
				(ResultSet rs) -> {
					counts.put(Status.valueOf(rs.getString("status")), rs.getLong("n"));
				}, runId);
		return counts;
	}

	private Map<Outcome, Long> namesByOutcome(long runId) {
		Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
		this.jdbc.query("SELECT outcome, COUNT(*) AS n FROM discovered_name WHERE run_id = ? GROUP BY outcome",
				(ResultSet rs) -> {
					counts.put(Outcome.valueOf(rs.getString("outcome")), rs.getLong("n"));
				}, runId);
		return counts;
	}

	/** Streams the run's discovered names in name order, a batch at a time, so memory stays bounded. */
	public void discoveredNames(long runId, int batchSize, DiscoveryBatchHandler handler) throws IOException {
		List<NameResolution> batch = new ArrayList<>(batchSize);
		try {
			this.jdbc.query((connection) -> {
				PreparedStatement statement = connection.prepareStatement(
						"SELECT * FROM discovered_name WHERE run_id = ? ORDER BY name");
				statement.setLong(1, runId);
				statement.setFetchSize(batchSize);
				return statement;
			}, (ResultSet rs) -> {
				batch.add(new NameResolution(rs.getString("name"), Outcome.valueOf(rs.getString("outcome")),
						words(rs.getString("cname_chain")), words(rs.getString("addresses")), rs.getString("detail")));
				if (batch.size() == batchSize) {
					handleBatch(handler, batch);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		handleBatch(handler, batch);
	}

	/** Receives discovered names a batch at a time. */
	@FunctionalInterface
	public interface DiscoveryBatchHandler {

		void handle(List<NameResolution> names) throws IOException;

	}

	private static void handleBatch(DiscoveryBatchHandler handler, List<NameResolution> batch) {
		if (batch.isEmpty()) {
			return;
		}
		try {
			handler.handle(List.copyOf(batch));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		batch.clear();
	}

	private static List<String> words(String text) {
		return (text == null || text.isBlank()) ? List.of() : List.of(text.split(" "));
	}

	private List<RejectedLine> rejections(long runId) {
		return this.jdbc.query("SELECT * FROM inventory_rejection WHERE run_id = ? ORDER BY line_id",
				(rs, i) -> new RejectedLine(rs.getString("origin"), rs.getString("line_text"), rs.getString("reason")),
				runId);
	}

	/** Findings of the given targets, by target id, in the order the analysis ranked them. */
	public Map<Long, List<FindingView>> findings(long runId, Collection<Long> targetIds) {
		Map<Long, List<FindingView>> byTarget = new HashMap<>();
		if (targetIds.isEmpty()) {
			return byTarget;
		}
		this.named.query(
				"SELECT * FROM finding WHERE run_id = :run AND target_id IN (:targets) ORDER BY target_id, ordinal",
				new MapSqlParameterSource("run", runId).addValue("targets", targetIds), (ResultSet rs) -> {
					byTarget.computeIfAbsent(rs.getLong("target_id"), (k) -> new ArrayList<>())
						.add(new FindingView(rs.getString("rule_id"), Severity.valueOf(rs.getString("severity")),
								rs.getString("message"), rs.getString("remediation")));
				});
		return byTarget;
	}

}
