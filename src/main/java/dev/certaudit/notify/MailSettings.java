package dev.certaudit.notify;

import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.InternetAddress;

/**
 * Whether the reports are mailed, to whom and under which subject; the SMTP server itself is Spring
 * Boot's {@code spring.mail.*}.
 * @param onlyOnProblems send nothing when every endpoint is OK and no inventory line was skipped
 * @param deliveryTimeout the whole delivery, from connecting to the server's last reply, however slowly
 * it answers; the mails to contacts have as long again, all together
 * @param perOwner besides the full mail, mail each {@code contact=} address of the inventory the
 * endpoints it is named for that need action
 */
public record MailSettings(boolean enabled, InternetAddress from, List<InternetAddress> to,
		List<InternetAddress> cc, SubjectTemplate subject, boolean onlyOnProblems, Duration deliveryTimeout,
		boolean perOwner) {

	public MailSettings {
		to = List.copyOf(to);
		cc = List.copyOf(cc);
		if (enabled && from == null) {
			throw new IllegalArgumentException("cert-audit.mail.from: set the address the report mail is sent from");
		}
		if (enabled && to.isEmpty()) {
			throw new IllegalArgumentException("cert-audit.mail.to: name at least one recipient");
		}
		if (enabled && (deliveryTimeout == null || !deliveryTimeout.isPositive())) {
			throw new IllegalArgumentException("cert-audit.mail.delivery-timeout must be positive, got " + deliveryTimeout);
		}
	}

	public static MailSettings disabled() {
		return new MailSettings(false, null, List.of(), List.of(), null, false, null, false);
	}

	/** Everyone the mail goes to, as the run records them. */
	public String recipients() {
		StringBuilder text = new StringBuilder("to ").append(join(this.to));
		if (!this.cc.isEmpty()) {
			text.append("; cc ").append(join(this.cc));
		}
		return text.toString();
	}

	private static String join(List<InternetAddress> addresses) {
		return String.join(", ", addresses.stream().map(InternetAddress::getAddress).toList());
	}

}
