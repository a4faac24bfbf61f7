package dev.certaudit.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import dev.certaudit.analysis.Status;
import dev.certaudit.history.EndpointChange.Side;
import dev.certaudit.inventory.Target;

/**
 * Compares a run with the previous one of the same inventories, endpoint by endpoint (name, port,
 * protocol and address). The previous run's endpoints are held in a map while this run's stream past,
 * so the cost is one read of each run and memory grows with the estate, not with the history.
 */
@Repository
public class RunComparison {

	private static final String ENDPOINTS = "SELECT t.host, t.port, t.protocol, COALESCE(p.address, t.address) AS address,"
			+ " t.certificate_variant, t.labels, a.status, a.serial_number, a.sha256, a.not_after FROM audit_target t"
			+ " JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id"
			+ " LEFT JOIN probe_result p ON p.run_id = t.run_id AND p.target_id = t.target_id WHERE t.run_id = ?";

	/** A run counts as a baseline only once every one of its targets was judged. */
	private static final String PREVIOUS_RUN = "SELECT MAX(r.run_id) FROM audit_run r WHERE r.run_id < ?"
			+ " AND r.inventories = ? AND EXISTS (SELECT 1 FROM assessment a WHERE a.run_id = r.run_id)"
			+ " AND NOT EXISTS (SELECT 1 FROM audit_target t WHERE t.run_id = r.run_id AND NOT EXISTS"
			+ " (SELECT 1 FROM assessment a WHERE a.run_id = t.run_id AND a.target_id = t.target_id))";

	private static final Comparator<EndpointChange> REPORT_ORDER = Comparator.comparing(EndpointChange::kind)
		.thenComparing(EndpointChange::host)
		.thenComparingInt(EndpointChange::port)
		.thenComparing(EndpointChange::protocol)
		.thenComparing((change) -> Objects.requireNonNullElse(change.address(), ""));

	private final JdbcTemplate jdbc;

	public RunComparison(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	public RunChanges sincePrevious(AuditRun run) {
		Long previous = this.jdbc.queryForObject(PREVIOUS_RUN, Long.class, run.runId(),
				String.join("\n", run.inventories()));
		return (previous != null) ? between(previous, run.runId()) : RunChanges.FIRST_RUN;
	}

	RunChanges between(long previousRunId, long runId) {
		Map<Key, Endpoint> before = new HashMap<>();
		this.jdbc.query(ENDPOINTS, (RowCallbackHandler) (rs) -> {
			Endpoint endpoint = Endpoint.of(rs);
			before.put(endpoint.key(), endpoint);
		}, previousRunId);
		List<EndpointChange> changes = new ArrayList<>();
		this.jdbc.query(ENDPOINTS, (RowCallbackHandler) (rs) -> {
			Endpoint now = Endpoint.of(rs);
			Endpoint then = before.remove(now.key());
			if (then == null) {
				changes.add(now.change(ChangeKind.NEW_ENDPOINT, null, now));
				return;
			}
			if (failing(now.side().status()) && !failing(then.side().status())) {
				changes.add(now.change(ChangeKind.NEWLY_FAILING, then, now));
			}
			else if (!failing(now.side().status()) && failing(then.side().status())) {
				changes.add(now.change(ChangeKind.NEWLY_FIXED, then, now));
			}
			if (now.side().sha256() != null && then.side().sha256() != null
					&& !now.side().sha256().equals(then.side().sha256())) {
				changes.add(now.change(ChangeKind.RENEWED, then, now));
			}
		}, runId);
		before.values().forEach((gone) -> changes.add(gone.change(ChangeKind.DISAPPEARED, gone, null)));
		changes.sort(REPORT_ORDER);
		Instant previousRunStartedAt = this.jdbc.queryForObject("SELECT created_at FROM audit_run WHERE run_id = ?",
				(rs, i) -> Columns.instant(rs, "created_at"), previousRunId);
		return new RunChanges(previousRunId, previousRunStartedAt, changes);
	}

	/** Someone must act now; a WARNING still has time, so moving between it and OK is no news. */
	private static boolean failing(Status status) {
		return status.compareTo(Status.CRITICAL) <= 0;
	}

	private record Key(String host, int port, String protocol, String address, String certificateVariant) {
	}

	private record Endpoint(Key key, String owner, Side side) {

		static Endpoint of(ResultSet rs) throws SQLException {
			Target target = Columns.target(rs, "address", "");
			Key key = new Key(target.host(), target.port(), target.protocol().name(), target.address(),
					rs.getString("certificate_variant"));
			return new Endpoint(key, target.owner(), new Side(Status.valueOf(rs.getString("status")),
					rs.getString("serial_number"), rs.getString("sha256"), Columns.instant(rs, "not_after")));
		}

		EndpointChange change(ChangeKind kind, Endpoint before, Endpoint now) {
			return new EndpointChange(kind, this.key.host(), this.key.port(), this.key.protocol(), this.key.address(),
					this.owner, (before != null) ? before.side() : null, (now != null) ? now.side() : null);
		}

	}

}
