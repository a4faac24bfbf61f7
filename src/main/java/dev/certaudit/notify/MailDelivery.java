package dev.certaudit.notify;

import java.time.Instant;

/**
 * What became of a run's report mail.
 * @param recipients everyone it was addressed to
 * @param detail why it failed or was skipped; null when sent
 */
public record MailDelivery(Instant attemptedAt, Outcome outcome, String recipients, String detail) {

	public enum Outcome {

		SENT,
		/** The server could not be reached, refused the login, the sender or a recipient, or a report was missing. */
		FAILED,
		/** Only-on-problems, and the run found nothing to act on. */
		SKIPPED

	}

}
