package dev.certaudit.probe;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;

import dev.certaudit.probe.TextDialogue.CodedReply;

/** SMTP: the greeting, EHLO, and STARTTLS once the server lists it (RFC 3207 section 4). */
final class SmtpStartTls implements StartTlsDialect {

	// RFC 5321 section 4.1.4 wants the client's own name; a probe has none worth giving, and .invalid
	// (RFC 6761 section 6.4) cannot be mistaken for anyone's
	private static final String CLIENT_NAME = "cert-audit.invalid";

	@Override
	public void upgrade(BufferedInputStream in, OutputStream out) throws IOException {
		TextDialogue smtp = new TextDialogue(in, out, "SMTP");
		// RFC 5321 section 4.3.2: 220 opens the session, 554 declines it; a busy server says 421 instead
		smtp.readCodedReply().expect(220);
		smtp.send("EHLO " + CLIENT_NAME);
		CodedReply ehlo = smtp.readCodedReply();
		ehlo.expect(250);
		if (!offersStartTls(ehlo)) {
			throw StartTlsFailure.refused("no STARTTLS in the EHLO reply: " + ehlo.text());
		}
		smtp.send("STARTTLS");
		smtp.readCodedReply().expectAgreement(220);
	}

	// RFC 5321 section 4.1.1.1: after the first line, each line of the EHLO reply starts with a keyword
	private static boolean offersStartTls(CodedReply ehlo) {
		return ehlo.lines()
			.stream()
			.skip(1)
			.map((line) -> line.substring(Math.min(4, line.length())).split(" ", 2)[0])
			.anyMatch("STARTTLS"::equalsIgnoreCase);
	}

}
