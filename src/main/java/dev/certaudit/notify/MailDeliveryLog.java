package dev.certaudit.notify;

import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

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

	private static String truncate(String text) {
		return (text == null || text.length() <= MAX_TEXT) ? text : text.substring(0, MAX_TEXT - 1) + "…";
	}

}
