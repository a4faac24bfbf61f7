package dev.certaudit.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The server's side of an SMTP session up to STARTTLS (RFC 3207) and the handshake after it, in steps,
 * for the probe tests' own peers that greet late, turn connections away or stall between the steps.
 */
final class SmtpPeer {

	private SmtpPeer() {
	}

	static void reply(Socket socket, String line) throws IOException {
		socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
	}

	static void greet(Socket socket) throws IOException {
		reply(socket, "220 peer.cert-audit.test ESMTP");
	}

	/** Answers EHLO listing STARTTLS, then reads the client's STARTTLS, leaving the reply to it to the caller. */
	static void awaitStartTls(Socket socket) throws IOException {
		expect(socket, "EHLO ");
		reply(socket, "250-peer.cert-audit.test");
		reply(socket, "250 STARTTLS");
		expect(socket, "STARTTLS");
	}

	/** Agrees to STARTTLS once asked, as RFC 3207 section 4 has it, and shakes hands presenting {@code tls}'s key. */
	static void startTls(Socket socket, SSLContext tls) throws IOException {
		awaitStartTls(socket);
		reply(socket, "220 2.0.0 Ready to start TLS");
		shakeHands(socket, tls);
	}

	/**
	 * Shakes hands on {@code socket} as the server, then waits for the client to hang up.
	 * @return the host names the client asked for with SNI
	 */
	static List<String> shakeHands(Socket socket, SSLContext tls) throws IOException {
		try (SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, null, socket.getPort(), true)) {
			secured.setUseClientMode(false);
			secured.startHandshake();
			List<String> serverNames = ((ExtendedSSLSession) secured.getSession()).getRequestedServerNames()
				.stream()
				.map((name) -> ((SNIHostName) name).getAsciiName())
				.toList();
			// the client reads the whole flight before it closes
			secured.getInputStream().read();
			return serverNames;
		}
	}

	private static void expect(Socket socket, String command) throws IOException {
		String line = readLine(socket.getInputStream());
		if (!line.startsWith(command)) {
			throw new IOException("expected " + command.strip() + ", got " + line);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				throw new IOException("the client hung up");
			}
			line.write(b);
		}
		return line.toString(StandardCharsets.US_ASCII).strip();
	}

}
