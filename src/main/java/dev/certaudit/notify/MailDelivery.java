package dev.certaudit.notify;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What became of one report mail of a run: the full mail to the configured recipients, or the mail to
 * one contact.
 * @param recipients everyone it was addressed to, as {@code to a, b; cc c}
 * @param detail why it failed or was skipped; null when sent
 */
public record MailDelivery(Instant attemptedAt, Outcome outcome, String recipients, String detail) {

	private static final String SKIPPED_PREFIX = "skipped: ";

	public enum Outcome {

		SENT,
		/** The server could not be reached, refused the login, the sender or a recipient, or a report was missing. */
		FAILED,
		/** Only-on-problems, and the run found nothing to act on; or a contact that is no mail address. */
		SKIPPED

	}

	/** The addresses it was sent to, cc included. */
	List<String> addresses() {
		return Arrays.stream(this.recipients.split("[;,]"))
			.map(String::strip)
			.map((address) -> address.replaceFirst("^(to|cc) ", ""))
			.filter((address) -> !address.isEmpty())
			.toList();
	}

	/**
	 * What became of a run's mail in a few words, for the run's summary line: "mail sent to 3
	 * recipients", "mail not sent: disabled", "mail failed: <reason>", and with mails to contacts, how many
	 * of those failed or were skipped and the first reason.
	 * @param enabled whether mail is on; a run with mail off has no deliveries
	 */
	public static String summary(List<MailDelivery> deliveries, boolean enabled) {
		if (deliveries.isEmpty()) {
			return enabled ? "mail not sent: nothing was recorded" : "mail not sent: disabled";
		}
		long sentTo = deliveries.stream()
			.filter((delivery) -> delivery.outcome() == Outcome.SENT)
			.flatMap((delivery) -> delivery.addresses().stream())
			.distinct()
			.count();
		List<MailDelivery> failed = of(deliveries, Outcome.FAILED);
		List<MailDelivery> skipped = of(deliveries, Outcome.SKIPPED);
		StringBuilder summary = new StringBuilder();
		if (sentTo > 0) {
			summary.append("mail sent to ").append(sentTo).append((sentTo == 1) ? " recipient" : " recipients");
			if (!failed.isEmpty()) {
				summary.append(", ").append(failed.size()).append(" failed: ").append(reason(failed.get(0)));
			}
		}
		else if (!failed.isEmpty()) {
			summary.append("mail failed: ").append(reason(failed.get(0)));
			if (failed.size() > 1) {
				summary.append(" (and ").append(failed.size() - 1).append(" more)");
			}
		}
		if (summary.isEmpty()) {
			summary.append("mail not sent: ").append(reason(skipped.get(0)));
		}
		else if (!skipped.isEmpty()) {
			summary.append(", ").append(skipped.size()).append(" skipped: ").append(reason(skipped.get(0)));
		}
		return summary.toString();
	}

	private static List<MailDelivery> of(List<MailDelivery> deliveries, Outcome outcome) {
		return deliveries.stream().filter((delivery) -> delivery.outcome() == outcome).toList();
	}

	private static String reason(MailDelivery delivery) {
		String detail = (delivery.detail() != null) ? delivery.detail() : delivery.outcome().name().toLowerCase();
		return detail.startsWith(SKIPPED_PREFIX) ? detail.substring(SKIPPED_PREFIX.length()) : detail;
	}

	/** A mail not sent on purpose, with why. */
	static MailDelivery skipped(String recipients, String why) {
		return new MailDelivery(Instant.now(), Outcome.SKIPPED, recipients, SKIPPED_PREFIX + why);
	}

}
