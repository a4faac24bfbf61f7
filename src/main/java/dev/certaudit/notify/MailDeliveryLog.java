package dev.certaudit.notify;

import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.certaudit.history.Columns;
import dev.certaudit.notify.MailDelivery.Outcome;

/** Keeps, with the run, what became of its report mail: the one place a failed delivery stays visible. */
@Repository
public class MailDeliveryLog {

	private static final int MAX_TEXT = 4000;

	private final JdbcTemplate jdbc;

	public MailDeliveryLog(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	public void record(long runId, MailDelivery delivery) {
		this.jdbc.update(
				"INSERT INTO mail_delivery (run_id, attempted_at, status, recipients, detail) VALUES (?, ?, ?, ?, ?)",
				runId, delivery.attemptedAt().atOffset(ZoneOffset.UTC), delivery.outcome().name(),
				truncate(delivery.recipients()), truncate(delivery.detail()));
	}

	/** The run's deliveries in the order they were attempted. */
	public List<MailDelivery> deliveries(long runId) {
		return this.jdbc.query("SELECT * FROM mail_delivery WHERE run_id = ? ORDER BY attempted_at",
				(rs, i) -> new MailDelivery(Columns.instant(rs, "attempted_at"), Outcome.valueOf(rs.getString("status")),
						rs.getString("recipients"), rs.getString("detail")),
				runId);
	}

	private static String truncate(String text) {
		return (text == null || text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT - 1) + "…";
	}

}
