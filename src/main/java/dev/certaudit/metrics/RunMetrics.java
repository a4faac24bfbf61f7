package dev.certaudit.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

import dev.certaudit.analysis.Status;
import dev.certaudit.inventory.Target;

/**
 * A completed run as Prometheus metrics: one series per endpoint for its leaf's expiry, one per endpoint
 * that needs action for its status, and counts by status and by rule. Expiry is a timestamp, not days left, so an alert rule computes
 * the days itself and stays right between two runs. Labels stay bounded: endpoints, a fixed set of
 * statuses, and rule ids with their severities.
 */
public class RunMetrics {

	static final String EXPIRY = "cert_audit_certificate_expiry_timestamp_seconds";

	static final String ENDPOINT_STATUS = "cert_audit_endpoint_status";

	static final String ENDPOINTS = "cert_audit_endpoints";

	static final String FINDINGS = "cert_audit_findings";

	static final String LAST_SUCCESS = "cert_audit_run_last_success_timestamp_seconds";

	static final String DURATION = "cert_audit_run_duration_seconds";

	static final String RUN_ID = "cert_audit_run_id";

	private final JdbcTemplate jdbc;

	public RunMetrics(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		// an estate of 100,000 endpoints is read in a stream, not held
		this.jdbc.setFetchSize(1000);
	}

	/**
	 * Writes the run's metrics.
	 * @param inventory the grouping label that tells apart the audits of different inventories
	 * @param ended when the run succeeded
	 * @param duration how long this execution of the run took
	 */
	public void write(long runId, String inventory, Instant ended, Duration duration, Writer out) throws IOException {
		Exposition metrics = new Exposition(out);
		Map<String, String> run = Map.of("inventory", inventory);
		metrics.family(LAST_SUCCESS, "When the last audit of these inventories completed, in seconds since the epoch.")
			.sample(LAST_SUCCESS, run, ended.getEpochSecond());
		metrics.family(DURATION, "How long the last completed audit of these inventories took.")
			.sample(DURATION, run, duration.toMillis() / 1000.0);
		metrics.family(RUN_ID, "The number of the run these metrics come from (cert-audit runs, report).")
			.sample(RUN_ID, run, runId);
		Map<Status, Long> counts = new EnumMap<>(Status.class);
		this.jdbc.query("SELECT status, COUNT(*) AS n FROM assessment WHERE run_id = ? GROUP BY status",
				(RowCallbackHandler) (rs) -> counts.put(Status.valueOf(rs.getString("status")), rs.getLong("n")), runId);
		metrics.family(ENDPOINTS, "Endpoints of the last completed audit by status.");
		for (Status status : Status.values()) {
			metrics.sample(ENDPOINTS, withInventory(inventory, "status", name(status)), counts.getOrDefault(status, 0L));
		}
		metrics.family(FINDINGS, "Findings of the last completed audit by rule.");
		this.jdbc.query("SELECT rule_id, severity, COUNT(*) AS n FROM finding WHERE run_id = ? GROUP BY rule_id, severity"
				+ " ORDER BY rule_id", (RowCallbackHandler) (rs) -> sample(metrics, FINDINGS,
						withInventory(inventory, "rule", rs.getString("rule_id"), "severity",
								rs.getString("severity").toLowerCase(Locale.ROOT)),
						rs.getLong("n")), runId);
		endpoints(runId, inventory, metrics);
	}

	/** A pass over the endpoints per family, since each family's samples must stay together. */
	private void endpoints(long runId, String inventory, Exposition metrics) throws IOException {
		String endpoints = "SELECT t.host, t.port, t.protocol, t.address, t.labels, t.certificate_variant, a.status,"
				+ " a.not_after FROM audit_target t JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id"
				+ " WHERE t.run_id = ? ORDER BY t.target_id";
		metrics.family(EXPIRY, "When the endpoint's leaf certificate expires (notAfter), in seconds since the epoch.");
		this.jdbc.query(endpoints, (RowCallbackHandler) (rs) -> {
			Timestamp notAfter = rs.getTimestamp("not_after");
			if (notAfter != null) {
				sample(metrics, EXPIRY, endpoint(rs, inventory), notAfter.toInstant().getEpochSecond());
			}
		}, runId);
		// the endpoints that need action only: the OK ones are counted in ENDPOINTS, and leaving them out
		// halves what node_exporter parses on every scrape of a large estate
		metrics.family(ENDPOINT_STATUS, "1 for the status of each endpoint that needs action in the last completed audit.");
		this.jdbc.query(endpoints.replace(" ORDER BY", " AND a.status <> '" + Status.OK.name() + "' ORDER BY"),
				(RowCallbackHandler) (rs) -> {
					Map<String, String> labels = endpoint(rs, inventory);
					labels.put("status", name(Status.valueOf(rs.getString("status"))));
					sample(metrics, ENDPOINT_STATUS, labels, 1);
				}, runId);
	}

	private static Map<String, String> endpoint(ResultSet rs, String inventory) throws SQLException {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("inventory", inventory);
		labels.put("host", rs.getString("host"));
		labels.put("port", Integer.toString(rs.getInt("port")));
		labels.put("protocol", rs.getString("protocol").toLowerCase(Locale.ROOT));
		// an empty label is no label to Prometheus: left out, it costs no bytes on every scrape
		putIfPresent(labels, "address", rs.getString("address"));
		putIfPresent(labels, "certificate", rs.getString("certificate_variant"));
		putIfPresent(labels, "owner", Target.labels(rs.getString("labels")).get("owner"));
		return labels;
	}

	private static void putIfPresent(Map<String, String> labels, String name, String value) {
		if (value != null && !value.isEmpty()) {
			labels.put(name, value);
		}
	}

	private static Map<String, String> withInventory(String inventory, String... pairs) {
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("inventory", inventory);
		for (int i = 0; i < pairs.length; i += 2) {
			labels.put(pairs[i], pairs[i + 1]);
		}
		return labels;
	}

	private static String name(Status status) {
		return status.name().toLowerCase(Locale.ROOT);
	}

	private static void sample(Exposition metrics, String name, Map<String, String> labels, double value) {
		try {
			metrics.sample(name, labels, value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
