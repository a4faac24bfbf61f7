package dev.certaudit.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import dev.certaudit.analysis.Status;
import dev.certaudit.history.EndpointChange.Side;
import dev.certaudit.inventory.Target;

/**
 * Compares a run with the previous one of the same inventories, endpoint by endpoint (name, port,
 * protocol and address). A name that did not resolve in one of the two runs has no address there, so
 * such an endpoint is matched by name, port and protocol alone: a name that resolves again is the same
 * endpoint, fixed, not one that disappeared beside a new one. The previous run's endpoints are held in
 * a map while this run's stream past, so the cost is one read of each run and memory grows with the
 * estate, not with the history.
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
		List<Endpoint> unmatched = new ArrayList<>();
		this.jdbc.query(ENDPOINTS, (RowCallbackHandler) (rs) -> {
			Endpoint now = Endpoint.of(rs);
			Endpoint then = before.remove(now.key());
			if (then == null) {
				unmatched.add(now);
				return;
			}
			compare(then, now, changes);
		}, runId);
		Map<Name, List<Endpoint>> gone = new HashMap<>();
		before.values().forEach((then) -> gone.computeIfAbsent(then.key().name(), (name) -> new ArrayList<>()).add(then));
		Set<Endpoint> matchedByName = new HashSet<>();
		for (Endpoint now : unmatched) {
			List<Endpoint> then = gone.getOrDefault(now.key().name(), List.of())
				.stream()
				.filter((candidate) -> (now.key().address() == null) != (candidate.key().address() == null))
				.toList();
			if (then.isEmpty()) {
				changes.add(now.change(ChangeKind.NEW_ENDPOINT, null, now));
				continue;
			}
			compare(then.getFirst(), now, changes);
			matchedByName.addAll(then);
		}
		before.values()
			.stream()
			.filter((then) -> !matchedByName.contains(then))
			.forEach((then) -> changes.add(then.change(ChangeKind.DISAPPEARED, then, null)));
		changes.sort(REPORT_ORDER);
		Instant previousRunStartedAt = this.jdbc.queryForObject("SELECT created_at FROM audit_run WHERE run_id = ?",
				(rs, i) -> Columns.instant(rs, "created_at"), previousRunId);
		return new RunChanges(previousRunId, previousRunStartedAt, changes);
	}

	private static void compare(Endpoint then, Endpoint now, List<EndpointChange> changes) {
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
	}

	/** Someone must act now; a WARNING still has time, so moving between it and OK is no news. */
	private static boolean failing(Status status) {
		return status.compareTo(Status.CRITICAL) <= 0;
	}

	private record Key(String host, int port, String protocol, String address, String certificateVariant) {

		Name name() {
			return new Name(this.host, this.port, this.protocol, this.certificateVariant);
		}

	}

	/** An endpoint without its address: what a name that did not resolve in one of two runs is matched by. */
	private record Name(String host, int port, String protocol, String certificateVariant) {
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
