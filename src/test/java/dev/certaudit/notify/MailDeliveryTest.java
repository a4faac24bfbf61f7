package dev.certaudit.notify;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.certaudit.notify.MailDelivery.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/** The few words of the run's summary line that say whether its mail went out, and if not, why. */
class MailDeliveryTest {

	private static final Instant AT = Instant.parse("2026-05-22T08:17:00Z");

	@Test
	void sentMailCountsEveryDistinctRecipientCopiesIncluded() {
		assertThat(MailDelivery.summary(List.of(sent("to ops@example.test, sec@example.test; cc log@example.test"),
				sent("to pki@vendor.example"), sent("to ops@example.test")), true))
			.isEqualTo("mail sent to 4 recipients");
		assertThat(MailDelivery.summary(List.of(sent("to ops@example.test")), true))
			.isEqualTo("mail sent to 1 recipient");
	}

	@Test
	void mailOffSaysSo() {
		assertThat(MailDelivery.summary(List.of(), false)).isEqualTo("mail not sent: disabled");
	}

	@Test
	void failedMailGivesTheServersReason() {
		assertThat(MailDelivery.summary(List.of(failed("to ops@example.test", "Couldn't connect to host: Connection refused")),
				true))
			.isEqualTo("mail failed: Couldn't connect to host: Connection refused");
		assertThat(MailDelivery.summary(List.of(failed("to ops@example.test", "Connection refused"),
				failed("to pki@vendor.example", "Connection refused")), true))
			.isEqualTo("mail failed: Connection refused (and 1 more)");
	}

	@Test
	void mailWithNothingToReportSaysWhyNothingWentOut() {
		assertThat(MailDelivery.summary(List.of(MailDelivery.skipped("to ops@example.test", "nothing to report")), true))
			.isEqualTo("mail not sent: nothing to report");
	}

	@Test
	void mailsToContactsThatFailedOrWereSkippedAreCountedBesideThoseSent() {
		assertThat(MailDelivery.summary(List.of(sent("to ops@example.test"), sent("to pki@vendor.example"),
				failed("to web@example.test", "550 mailbox unavailable"),
				MailDelivery.skipped("to jane", "contact=jane of shop.example.org:443 is not a mail address")), true))
			.isEqualTo("mail sent to 2 recipients, 1 failed: 550 mailbox unavailable, 1 skipped: contact=jane of"
					+ " shop.example.org:443 is not a mail address");
	}

	private static MailDelivery sent(String recipients) {
		return new MailDelivery(AT, Outcome.SENT, recipients, null);
	}

	private static MailDelivery failed(String recipients, String reason) {
		return new MailDelivery(AT, Outcome.FAILED, recipients, reason);
	}

}
