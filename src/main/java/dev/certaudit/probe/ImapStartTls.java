package dev.certaudit.probe;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** IMAP: the greeting, then STARTTLS in the not-authenticated state (RFC 9051 section 6.2.1). */
final class ImapStartTls implements StartTlsDialect {

	private static final String TAG = "a1";

	private static final String UNTAGGED = "*";

	@Override
	public void upgrade(BufferedInputStream in, OutputStream out) throws IOException {
		TextDialogue imap = new TextDialogue(in, out, "IMAP");
		String greeting = imap.readLine();
		// RFC 9051 section 7.1: OK invites commands; PREAUTH skips the state STARTTLS belongs to; BYE hangs up
		switch (status(imap, greeting, UNTAGGED)) {
			case "OK" -> {
			}
			case "PREAUTH" -> throw StartTlsFailure.refused(greeting);
			case "BYE" -> throw bye(greeting);
			default -> throw imap.unintelligible(greeting);
		}
		imap.send(TAG + " STARTTLS");
		String reply = imap.readLine();
		// RFC 9051 section 7: untagged data may come at any time, and BYE comes before the server hangs up
		while (reply.startsWith(UNTAGGED + " ")) {
			if (status(imap, reply, UNTAGGED).equals("BYE")) {
				throw bye(reply);
			}
			reply = imap.readLine();
		}
		switch (status(imap, reply, TAG)) {
			case "OK" -> {
			}
			case "NO", "BAD" -> throw StartTlsFailure.refused(reply);
			default -> throw imap.unintelligible(reply);
		}
	}

	/**
	 * A BYE hangs up for good unless it says the server is busy: RFC 5530 section 3's UNAVAILABLE is a
	 * temporary failure, and a server over its connection limits says so in words.
	 */
	private static StartTlsFailure bye(String line) {
		return (line.toUpperCase(Locale.ROOT).contains("[UNAVAILABLE]") || TextDialogue.saysTooManyConnections(line))
				? StartTlsFailure.tryLater(line) : StartTlsFailure.refused(line);
	}

	/** The status word after {@code tag}, which the line must start with. */
	private static String status(TextDialogue imap, String line, String tag) throws StartTlsFailure {
		if (!line.startsWith(tag + " ")) {
			throw imap.unintelligible(line);
		}
		return line.substring(tag.length() + 1).split(" ", 2)[0].toUpperCase(Locale.ROOT);
	}

}
