package dev.certaudit.probe;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** POP3: the greeting, then STLS (RFC 2595 section 4). */
final class Pop3StartTls implements StartTlsDialect {

	@Override
	public void upgrade(BufferedInputStream in, OutputStream out) throws IOException {
		TextDialogue pop3 = new TextDialogue(in, out, "POP3");
		expectOk(pop3, pop3.readLine());
		pop3.send("STLS");
		expectOk(pop3, pop3.readLine());
	}

	// RFC 1939 section 3: every reply starts with its status, +OK or -ERR
	private static void expectOk(TextDialogue pop3, String reply) throws StartTlsFailure {
		if (reply.startsWith("-ERR")) {
			throw busy(reply) ? StartTlsFailure.tryLater(reply) : StartTlsFailure.refused(reply);
		}
		if (!reply.startsWith("+OK")) {
			throw pop3.unintelligible(reply);
		}
	}

	// response codes after -ERR (RFC 2449 section 8): SYS/TEMP is a temporary system failure (RFC 3206
	// section 4), IN-USE another session holding what this one needs (RFC 2449 section 8.1.2)
	private static boolean busy(String reply) {
		String upper = reply.toUpperCase(Locale.ROOT);
		return upper.startsWith("-ERR [SYS/TEMP]") || upper.startsWith("-ERR [IN-USE]")
				|| TextDialogue.saysTooManyConnections(reply);
	}

}
