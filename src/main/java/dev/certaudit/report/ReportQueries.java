package dev.certaudit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.Set;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.analysis.rules.ExpiresWithinCriticalDaysRule;
import dev.certaudit.analysis.rules.ExpiresWithinWarningDaysRule;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.discovery.NameResolution.Source;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.Columns;
import dev.certaudit.history.JudgementStore;
import dev.certaudit.history.RunComparison;
import dev.certaudit.inventory.RejectedLine;
import dev.certaudit.inventory.Target;
import dev.certaudit.probe.Pem;

/** Reads a run's results back from the database in the shape the reports show them. */
@Repository
public class ReportQueries {

	public static final String ROW_SELECT = "SELECT t.target_id, t.host, t.port, t.protocol, t.address AS address_override, t.labels, p.address, p.detail, a.status, a.status_rank, a.days_left, a.not_before, a.not_after, a.subject, a.issuer, a.subject_alt_names, a.serial_number, a.sha256, p.attempts, p.tls_protocol, p.cipher_suite, p.key_exchange";

	public static final String ROW_FROM = "FROM audit_target t JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id LEFT JOIN probe_result p ON p.run_id = t.run_id AND p.target_id = t.target_id";

	/**
	 * Soonest expiry first, as operators plan renewals, then the most urgent status; endpoints without a
	 * certificate last, as a spreadsheet sorts blanks. The order of every report's full table.
	 */
	public static final String ROW_ORDER = "ORDER BY a.days_left NULLS LAST, a.status_rank, t.target_id";

	/** Most urgent first, then soonest expiry: the order of the action list. */
	private static final String ACTION_ORDER = "ORDER BY a.status_rank, a.days_left NULLS LAST, t.target_id";

	/** Report rows without findings; {@link #findings} adds those a chunk at a time. */
	public static final RowMapper<ReportRow> ROW_MAPPER = (rs, i) -> {
		Status status = Status.valueOf(rs.getString("status"));
		String sans = rs.getString("subject_alt_names");
		String address = rs.getString("address");
		Target target = Columns.target(rs, "address_override", "");
		return new ReportRow(rs.getLong("target_id"), target.host(), target.port(), target.protocol().name(),
				(address != null) ? address : target.address(), target.owner(), target.labels().get("contact"),
				target.labelText(), status, rs.getObject("days_left", Integer.class), Columns.instant(rs, "not_before"),
				Columns.instant(rs, "not_after"), rs.getString("subject"), rs.getString("issuer"),
				(sans == null || sans.isEmpty()) ? List.of() : Arrays.asList(sans.split("\n")),
				rs.getString("serial_number"), rs.getString("sha256"), List.of(), List.of(),
				(status == Status.ERROR) ? rs.getString("detail") : null, rs.getInt("attempts"),
				rs.getString("tls_protocol"), rs.getString("cipher_suite"), rs.getString("key_exchange"));
	};

	/** A leaf expiring within the warning threshold is one finding of these, at the urgency its days left earn. */
	private static final List<String> EXPIRING_RULES = List.of(ExpiresWithinCriticalDaysRule.ID,
			ExpiresWithinWarningDaysRule.ID);
	/** Rows fetched from the database at a time by the reads that stream. */
	private static final int FETCH_SIZE = 1000;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final RunComparison comparison;

	private final JudgementStore judgements;

	public ReportQueries(DataSource dataSource, RunComparison comparison, JudgementStore judgements) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.named = new NamedParameterJdbcTemplate(this.jdbc);
		this.comparison = comparison;
		this.judgements = judgements;
	}

	/**
	 * The run as its reports state it, written with these settings.
	 * @param completed whether an earlier run completed (the job's repository knows): only those make the trend
	 */
	public RunSummary summary(AuditRun run, ReportSettings settings, LongPredicate completed) {
		return new RunSummary(run.runId(), settings.organisation(), run.createdAt(), Instant.now(),
				settings.thresholds(), run.inventories(),
				countsByStatus(run.runId()), rejections(run.runId()), namesByOutcome(run.runId()), actions(run.runId()),
				expiringByWeek(run), this.comparison.sincePrevious(run), owners(run.runId()), trend(run, completed),
				labelKeys(run.runId()), this.judgements.judgement(run.runId()).orElse(null));
	}

	/**
	 * The run and the latest completed runs of the same inventories (the same files, as the run records
	 * them) before it, {@link RunSummary#TREND_RUNS} in all at most, oldest first: the one query behind
	 * the workbook's History sheet and the PDF's trend chart. The run itself is reported while its job is
	 * still writing the reports, so it counts whatever its job's state.
	 * @param completed whether an earlier run completed
	 */
	public List<TrendPoint> trend(AuditRun run, LongPredicate completed) {
		List<Long> runIds = new ArrayList<>(List.of(run.runId()));
		for (long earlier : this.jdbc.queryForList(
				"SELECT run_id FROM audit_run WHERE inventories = ? AND run_id < ? ORDER BY run_id DESC", Long.class,
				String.join("\n", run.inventories()), run.runId())) {
			if (runIds.size() == RunSummary.TREND_RUNS) {
				break;
			}
			if (completed.test(earlier)) {
				runIds.add(earlier);
			}
		}
		MapSqlParameterSource runs = new MapSqlParameterSource("runs", runIds);
		Map<Long, Instant> started = new HashMap<>();
		this.named.query("SELECT run_id, created_at FROM audit_run WHERE run_id IN (:runs)", runs, (ResultSet rs) -> {
			started.put(rs.getLong("run_id"), Columns.instant(rs, "created_at"));
		});
		Map<Long, Map<Status, Long>> counts = new HashMap<>();
		this.named.query("SELECT run_id, status, COUNT(*) AS n FROM assessment WHERE run_id IN (:runs)"
				+ " GROUP BY run_id, status", runs, (ResultSet rs) -> {
					counts.computeIfAbsent(rs.getLong("run_id"), (id) -> new EnumMap<>(Status.class))
						.put(Status.valueOf(rs.getString("status")), rs.getLong("n"));
				});
		Map<Long, Long> expiring = new HashMap<>();
		this.named.query("SELECT run_id, COUNT(DISTINCT target_id) AS n FROM finding WHERE run_id IN (:runs)"
				+ " AND rule_id IN (:expiring) GROUP BY run_id",
				new MapSqlParameterSource("runs", runIds).addValue("expiring", EXPIRING_RULES), (ResultSet rs) -> {
					expiring.put(rs.getLong("run_id"), rs.getLong("n"));
				});
		return runIds.reversed()
			.stream()
			.map((id) -> new TrendPoint(id, started.get(id), counts.getOrDefault(id, Map.of()),
					expiring.getOrDefault(id, 0L)))
			.toList();
	}

	/**
	 * Each owner's endpoints, those needing action, and the soonest expiry. The database counts per label
	 * text, so what comes back grows with the owners and their label combinations, not with the endpoints.
	 */
	public List<OwnerSummary> owners(long runId) {
		Map<String, OwnerSummary> byOwner = new HashMap<>();
		this.jdbc.query("SELECT t.labels, a.status, COUNT(*) AS endpoints, MIN(a.not_after) AS soonest_not_after,"
				+ " MIN(a.days_left) AS soonest_days_left"
				+ " FROM audit_target t JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id"
				+ " WHERE t.run_id = ? GROUP BY t.labels, a.status", (ResultSet rs) -> {
					String owner = Target.labels(rs.getString("labels")).get("owner");
					String key = (owner == null || owner.isBlank()) ? null : owner;
					Status status = Status.valueOf(rs.getString("status"));
					long endpoints = rs.getLong("endpoints");
					byOwner.merge(key, new OwnerSummary(key, endpoints, status.needsAction() ? endpoints : 0,
							Columns.instant(rs, "soonest_not_after"), rs.getObject("soonest_days_left", Integer.class),
							Map.of(status, endpoints)), OwnerSummary::plus);
				}, runId);
		return byOwner.values().stream().sorted(OwnerSummary.REPORT_ORDER).toList();
	}

	/** Every label key of the run's endpoints, read one distinct label text at a time. */
	private List<String> labelKeys(long runId) {
		Set<String> keys = new HashSet<>();
		forEachRow("SELECT DISTINCT labels FROM audit_target WHERE run_id = ?", runId, FETCH_SIZE,
				(rs) -> keys.addAll(Target.labels(rs.getString("labels")).keySet()));
		return List.copyOf(keys);
	}

	private List<ReportRow> actions(long runId) {
		List<ReportRow> rows = this.jdbc.query(ROW_SELECT + " " + ROW_FROM + " WHERE t.run_id = ? AND a.status <> ? "
				+ ACTION_ORDER + " FETCH FIRST " + RunSummary.ACTION_LIMIT + " ROWS ONLY", ROW_MAPPER, runId,
				Status.OK.name());
		return withDetails(runId, rows);
	}

	/** The rows with their findings and presented chains, read for all of them at once. */
	public List<ReportRow> withDetails(long runId, List<? extends ReportRow> rows) {
		List<Long> ids = rows.stream().map(ReportRow::targetId).toList();
		Map<Long, List<FindingView>> findings = findings(runId, ids);
		Map<Long, List<PresentedCertificate>> chains = chains(runId, ids);
		return rows.stream()
			.map((row) -> row.with(findings.getOrDefault(row.targetId(), List.of()),
					chains.getOrDefault(row.targetId(), List.of())))
			.toList();
	}

	/** Weeks start on the day the run started, so the first bar is "the next seven days". */
	private List<ExpiryWeek> expiringByWeek(AuditRun run) {
		LocalDate first = run.createdAt().atZone(ZoneOffset.UTC).toLocalDate();
		Instant from = first.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant until = from.plus(Duration.ofDays(7L * RunSummary.OUTLOOK_WEEKS));
		long[] counts = new long[RunSummary.OUTLOOK_WEEKS];
		this.jdbc.query("SELECT DISTINCT sha256, not_after FROM assessment WHERE run_id = ? AND not_after >= ? AND not_after < ?",
				(ResultSet rs) -> {
					Instant notAfter = Columns.instant(rs, "not_after");
					counts[(int) (Duration.between(from, notAfter).toDays() / 7)]++;
				}, run.runId(), from.atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC));
		List<ExpiryWeek> weeks = new ArrayList<>();
		for (int week = 0; week < counts.length; week++) {
			weeks.add(new ExpiryWeek(first.plusWeeks(week), counts[week]));
		}
		return weeks;
	}

	public Map<Status, Long> countsByStatus(long runId) {
		Map<Status, Long> counts = new EnumMap<>(Status.class);
		this.jdbc.query("SELECT status, COUNT(*) AS n FROM assessment WHERE run_id = ? GROUP BY status",
				(ResultSet rs) -> {
					counts.put(Status.valueOf(rs.getString("status")), rs.getLong("n"));
				}, runId);
		return counts;
	}

	/** Endpoints whose leaf expires within the warning threshold the run judged with. */
	public long expiringCount(long runId) {
		Long count = this.named.queryForObject("SELECT COUNT(DISTINCT target_id) FROM finding WHERE run_id = :run"
				+ " AND rule_id IN (:expiring)", new MapSqlParameterSource("run", runId).addValue("expiring", EXPIRING_RULES),
				Long.class);
		return (count != null) ? count : 0;
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
	public void discoveredNames(long runId, int batchSize, BatchHandler<NameResolution> handler) throws IOException {
		stream("SELECT * FROM discovered_name WHERE run_id = ? ORDER BY name", runId, batchSize,
				(rs, i) -> new NameResolution(rs.getString("name"), Outcome.valueOf(rs.getString("outcome")),
						Source.valueOf(rs.getString("address_source")), words(rs.getString("cname_chain")),
						words(rs.getString("addresses")), rs.getString("detail")),
				handler);
	}

	/**
	 * Streams every endpoint that served a certificate, grouped by certificate: soonest expiry first, the
	 * rows of one certificate together (the fingerprint breaks ties of expiry), each with the number of
	 * places serving it, counted by the database so no group is ever held in memory.
	 */
	public void installations(long runId, int batchSize, BatchHandler<Installation> handler) throws IOException {
		stream("SELECT a.sha256, a.subject, a.not_after, a.days_left, COUNT(*) OVER (PARTITION BY a.sha256) AS places,"
				+ " t.host, t.port, t.protocol, t.address AS address_override, t.labels, p.address " + ROW_FROM
				+ " WHERE t.run_id = ? AND a.sha256 IS NOT NULL"
				+ " ORDER BY a.not_after, a.sha256, t.host, t.port, t.protocol, t.target_id", runId, batchSize,
				(rs, i) -> {
					Target target = Columns.target(rs, "address_override", "");
					String address = rs.getString("address");
					return new Installation(rs.getString("sha256"), rs.getString("subject"),
							Columns.instant(rs, "not_after"), rs.getObject("days_left", Integer.class),
							rs.getLong("places"), target.host(), target.port(), target.protocol().name(),
							(address != null) ? address : target.address(), target.owner());
				}, handler);
	}

	/**
	 * Streams the run's owners, those with the most endpoints needing action first, then the soonest
	 * expiry, summed by the database so that no endpoint is held in memory. The owner is the value of the
	 * {@code owner=} label within the label text ({@code env=prod owner=web}), whose values never hold a
	 * space; found with the SQL both H2 and PostgreSQL speak.
	 */
	public void owners(long runId, int batchSize, BatchHandler<OwnerSummary> handler) throws IOException {
		StringBuilder statuses = new StringBuilder();
		for (Status status : Status.values()) {
			statuses.append(", SUM(CASE WHEN o.status = '").append(status.name()).append("' THEN 1 ELSE 0 END) AS n_")
				.append(status.name());
		}
		stream("SELECT o.owner, COUNT(*) AS endpoints,"
				+ " SUM(CASE WHEN o.status = '" + Status.OK.name() + "' THEN 0 ELSE 1 END) AS need_action,"
				+ " MIN(o.not_after) AS soonest, MIN(o.days_left) AS days_left" + statuses
				+ " FROM (SELECT CASE WHEN l.at > 0 THEN SUBSTRING(l.labels FROM l.at + 7"
				+ " FOR POSITION(' ' IN SUBSTRING(l.labels FROM l.at + 7)) - 1) END AS owner,"
				+ " l.status, l.not_after, l.days_left"
				+ " FROM (SELECT ' ' || t.labels || ' ' AS labels, POSITION(' owner=' IN ' ' || t.labels || ' ') AS at,"
				+ " a.status, a.not_after, a.days_left FROM audit_target t"
				+ " JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id WHERE t.run_id = ?) l) o"
				+ " GROUP BY o.owner ORDER BY need_action DESC, soonest NULLS LAST, owner NULLS LAST", runId, batchSize,
				(rs, i) -> {
					Map<Status, Long> counts = new EnumMap<>(Status.class);
					for (Status status : Status.values()) {
						counts.put(status, rs.getLong("n_" + status.name()));
					}
					return new OwnerSummary(rs.getString("owner"), rs.getLong("endpoints"), rs.getLong("need_action"),
							Columns.instant(rs, "soonest"), rs.getObject("days_left", Integer.class), counts);
				}, handler);
	}

	/** Receives rows a batch at a time. */
	@FunctionalInterface
	public interface BatchHandler<T> {

		void handle(List<T> batch) throws IOException;

	}

	/** One forward-only read of a run's rows, handed on a batch at a time. */
	private <T> void stream(String sql, long runId, int batchSize, RowMapper<T> mapper, BatchHandler<T> handler)
			throws IOException {
		List<T> batch = new ArrayList<>(batchSize);
		try {
			forEachRow(sql, runId, batchSize, (rs) -> {
				batch.add(mapper.mapRow(rs, 0));
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

	/** A forward-only read of a run's rows, {@code fetchSize} at a time from the database. */
	private void forEachRow(String sql, long runId, int fetchSize, RowCallbackHandler handler) {
		this.jdbc.query((connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			statement.setLong(1, runId);
			statement.setFetchSize(fetchSize);
			return statement;
		}, handler);
	}

	private static <T> void handleBatch(BatchHandler<T> handler, List<T> batch) {
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

	/** The chains the given targets presented, by target id; a chain that no longer parses shows as none. */
	private Map<Long, List<PresentedCertificate>> chains(long runId, Collection<Long> targetIds) {
		Map<Long, List<PresentedCertificate>> byTarget = new HashMap<>();
		if (targetIds.isEmpty()) {
			return byTarget;
		}
		this.named.query(
				"SELECT target_id, chain_pem FROM probe_result WHERE run_id = :run AND target_id IN (:targets) AND chain_pem IS NOT NULL",
				new MapSqlParameterSource("run", runId).addValue("targets", targetIds), (ResultSet rs) -> {
					try {
						List<X509Certificate> chain = Pem.chain(rs.getString("chain_pem"));
						byTarget.put(rs.getLong("target_id"), IntStream.range(0, chain.size())
							.mapToObj((i) -> PresentedCertificate.of(i, chain.get(i)))
							.toList());
					}
					catch (CertificateException ex) {
						// a chain the fetcher stored always parses; a damaged row only loses its certificate details
					}
				});
		return byTarget;
	}

	/** Findings of the given targets, by target id, in the order the analysis ranked them. */
	private Map<Long, List<FindingView>> findings(long runId, Collection<Long> targetIds) {
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
