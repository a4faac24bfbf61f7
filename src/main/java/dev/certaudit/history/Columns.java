package dev.certaudit.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

/** How the project's tables hold what the stages pass on: one conversion each, for every store and query. */
public final class Columns {

	private Columns() {
	}

	/** The target columns of the current row; {@code addressColumn} names the inventory's address override. */
	public static Target target(ResultSet rs, String addressColumn, String origin) throws SQLException {
		return new Target(rs.getString("host"), rs.getInt("port"), Protocol.valueOf(rs.getString("protocol")),
				rs.getString(addressColumn), Target.labels(rs.getString("labels")), origin);
	}

	/** Writes targets as discovery makes them, and as a second look at a dual-certificate server adds them. */
	static void insertTargets(JdbcTemplate jdbc, Collection<AuditTarget> targets) {
		jdbc.batchUpdate(
				"INSERT INTO audit_target (run_id, target_id, candidate_id, host, port, protocol, address, labels, origin, unresolved, unanswered_lookup, certificate_variant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				targets.stream().map((t) -> new Object[] { t.runId(), t.targetId(), t.candidateId(), t.target().host(),
						t.target().port(), t.target().protocol().name(), t.target().address(),
						truncate(t.target().labelText(), 2000), truncate(t.target().origin(), 1000),
						truncate(t.unresolved(), 1000), truncate(t.unansweredLookup(), 1000),
						t.certificateVariant() })
					.toList());
	}

	public static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	static OffsetDateTime timestamp(Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

	static String truncate(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
