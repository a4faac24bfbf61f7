package dev.certaudit.probe;

import java.io.IOException;

/**
 * The plain-text dialogue before TLS ended without an upgrade. The message is what the report shows,
 * so it quotes the server, made printable and short: a hostile server chooses these bytes.
 */
final class StartTlsFailure extends IOException {

	private static final int MAX_DETAIL = 300;

	private final ProbeOutcome outcome;

	private StartTlsFailure(ProbeOutcome outcome, String detail) {
		super(printable(detail));
		this.outcome = outcome;
	}

	/**
	 * The server spoke the protocol and declined, or never offered, the upgrade for good; {@code reply}
	 * is its answer.
	 */
	static StartTlsFailure refused(String reply) {
		return new StartTlsFailure(ProbeOutcome.STARTTLS_REFUSED, reply);
	}

	/** The server turned the session away for now, asking to be tried later; {@code reply} is its answer. */
	static StartTlsFailure tryLater(String reply) {
		return new StartTlsFailure(ProbeOutcome.TRY_LATER, reply);
	}

	/** The server offered STARTTLS and put it off for now; {@code reply} is its answer. */
	static StartTlsFailure deferred(String reply) {
		return new StartTlsFailure(ProbeOutcome.STARTTLS_DEFERRED, reply);
	}

	/** The server answered with something that is not the protocol the inventory names. */
	static StartTlsFailure unintelligible(String protocol, String what) {
		return new StartTlsFailure(ProbeOutcome.NOT_TLS, "not " + protocol + ": " + what);
	}

	ProbeOutcome outcome() {
		return this.outcome;
	}

	// control characters could forge lines in reports; U+FFFD stands for bytes that were not UTF-8
	private static String printable(String text) {
		StringBuilder printable = new StringBuilder();
		text.strip().codePoints().forEach((c) -> printable
			.appendCodePoint((Character.isISOControl(c) || c == '\uFFFD') ? '?' : c));
		return (printable.length() > MAX_DETAIL) ? printable.substring(0, MAX_DETAIL) + "..." : printable.toString();
	}

}
