package dev.certaudit.probe;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Commands out and reply lines in, for the line-based protocols. Lines and their number are capped so
 * a hostile server cannot make the probe buffer without limit; the socket's timeouts bound the time.
 */
final class TextDialogue {

	// RFC 5321 section 4.5.3.1.5 allows SMTP reply lines of 512 octets; room to spare for the others
	static final int MAX_LINE_BYTES = 4096;

	// a greeting, an EHLO capability list or IMAP's untagged responses are a few dozen lines at most
	static final int MAX_LINES = 100;

	private static final Pattern TOO_MANY_CONNECTIONS = Pattern.compile("(?i)\\btoo many\\b.*\\bconnections?\\b");

	private final BufferedInputStream in;

	private final OutputStream out;

	private final String protocol;

	private int linesRead;

	TextDialogue(BufferedInputStream in, OutputStream out, String protocol) {
		this.in = in;
		this.out = out;
		this.protocol = protocol;
	}

	void send(String command) throws IOException {
		this.out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
	}

	/** The next line without its CRLF (a bare LF is tolerated, as most clients do). */
	String readLine() throws IOException {
		if (++this.linesRead > MAX_LINES) {
			throw unintelligible("more than " + MAX_LINES + " reply lines");
		}
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = this.in.read(); b != '\n'; b = this.in.read()) {
			if (b == -1) {
				throw new EOFException("the server closed the connection during " + this.protocol + " STARTTLS");
			}
			if (line.size() == MAX_LINE_BYTES) {
				throw unintelligible("a reply line longer than " + MAX_LINE_BYTES + " bytes");
			}
			line.write(b);
		}
		String text = line.toString(StandardCharsets.UTF_8);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	/**
	 * A reply of the three-digit kind SMTP and FTP share. It continues while its first line has a hyphen
	 * after the code, up to a line with the same code and a space (RFC 959 section 4.2, which lets the
	 * lines between say anything; RFC 5321 section 4.2.1 puts the code on each).
	 */
	CodedReply readCodedReply() throws IOException {
		String first = readLine();
		if (!first.matches("\\d{3}([ -].*)?")) {
			throw unintelligible(first);
		}
		String code = first.substring(0, 3);
		List<String> lines = new ArrayList<>(List.of(first));
		boolean continued = first.startsWith("-", 3);
		while (continued) {
			String line = readLine();
			lines.add(line);
			continued = !(line.equals(code) || line.startsWith(code + " "));
		}
		return new CodedReply(Integer.parseInt(code), lines);
	}

	StartTlsFailure unintelligible(String what) {
		return StartTlsFailure.unintelligible(this.protocol, what);
	}

	/**
	 * Whether a reply turns the connection away over the server's limits in words, as IMAP and POP3
	 * servers do for want of a reply code that says "try later".
	 */
	static boolean saysTooManyConnections(String reply) {
		return TOO_MANY_CONNECTIONS.matcher(reply).find();
	}

	/** One SMTP or FTP reply: its code and every line as sent, code included. */
	record CodedReply(int code, List<String> lines) {

		// RFC 5321 section 4.2.3 and RFC 959 section 4.2: the service is closing, a reply to any command
		private static final int SERVICE_CLOSING = 421;

		/**
		 * Ends the dialogue with this reply unless it carries {@code expected}: a 4yz reply is a transient
		 * negative one, asking to be tried again later (RFC 5321 section 4.2.1, RFC 959 section 4.2), any
		 * other a refusal.
		 */
		void expect(int expected) throws StartTlsFailure {
			if (this.code != expected) {
				throw transientNegative() ? StartTlsFailure.tryLater(text()) : StartTlsFailure.refused(text());
			}
		}

		/**
		 * As {@link #expect}, for the reply to the upgrade command itself, where a 4yz other than 421 puts
		 * off TLS in particular: SMTP's 454 "TLS not available due to temporary reason" (RFC 3207 section 4),
		 * FTP's 431 "Need some unavailable resource to process security" (RFC 2228 section 3).
		 */
		void expectAgreement(int expected) throws StartTlsFailure {
			if (this.code != expected && transientNegative() && this.code != SERVICE_CLOSING) {
				throw StartTlsFailure.deferred(text());
			}
			expect(expected);
		}

		private boolean transientNegative() {
			return this.code / 100 == 4;
		}

		String text() {
			return String.join(" / ", this.lines);
		}

	}

}
