package dev.certaudit.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import dev.certaudit.inventory.Protocol;

/**
 * A loopback server for one STARTTLS protocol: it speaks the plain-text opening a real SMTP, IMAP,
 * POP3, FTP or LDAP server would, then presents exactly the chain it is given over TLS on the same
 * connection. Started {@linkplain #refusingStartTls refusing}, it neither offers nor accepts the
 * upgrade, as a server without TLS configured answers.
 */
public final class LoopbackStartTlsServer implements AutoCloseable {

	private static final String SERVER_NAME = "loopback.cert-audit.test";

	// LDAP messages a StartTLS client sends are a few dozen bytes; text commands a line
	private static final int MAX_REQUEST_BYTES = 1024;

	private final LoopbackListener listener;

	private final Protocol protocol;

	// null when the server refuses STARTTLS
	private final SSLContext tls;

	private final List<List<String>> requestedServerNames;

	private LoopbackStartTlsServer(int port, Protocol protocol, SSLContext tls, List<List<String>> requestedServerNames)
			throws IOException {
		if (!protocol.startTls()) {
			throw new IllegalArgumentException(protocol + " has no STARTTLS; use LoopbackTlsServer");
		}
		ServerSocket serverSocket = new ServerSocket();
		serverSocket.setReuseAddress(true);
		serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
		this.protocol = protocol;
		this.tls = tls;
		this.requestedServerNames = requestedServerNames;
		this.listener = new LoopbackListener(serverSocket, "starttls", this::serve);
	}

	/**
	 * Starts a {@code protocol} server on 127.0.0.1 that offers STARTTLS and then serves {@code chain}
	 * (leaf first, as sent) with the leaf's private key.
	 * @param port the port to bind, or 0 for an ephemeral one
	 */
	public static LoopbackStartTlsServer start(int port, Protocol protocol, PrivateKey key, List<X509Certificate> chain)
			throws IOException {
		List<List<String>> requestedServerNames = new CopyOnWriteArrayList<>();
		try {
			return new LoopbackStartTlsServer(port, protocol,
					FixedChainKeyManager.serverContext(key, chain, requestedServerNames), requestedServerNames);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Cannot start TLS server: " + ex.getMessage(), ex);
		}
	}

	public static LoopbackStartTlsServer start(int port, Protocol protocol, IssuedCertificate leaf,
			X509Certificate... rest) throws IOException {
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(leaf.certificate());
		chain.addAll(List.of(rest));
		return start(port, protocol, leaf.keyPair().getPrivate(), chain);
	}

	/** Starts a {@code protocol} server on 127.0.0.1 that has no TLS to offer and says so when asked. */
	public static LoopbackStartTlsServer refusingStartTls(int port, Protocol protocol) throws IOException {
		return new LoopbackStartTlsServer(port, protocol, null, List.of());
	}

	public int port() {
		return this.listener.port();
	}

	/** For each handshake so far, the host names the client asked for with SNI (empty without SNI). */
	public List<List<String>> requestedServerNames() {
		return List.copyOf(this.requestedServerNames);
	}

	private void serve(Socket socket) {
		try (socket) {
			socket.setSoTimeout(10_000);
			// unbuffered, so nothing the client sends after its STARTTLS command is read as plain text
			InputStream in = socket.getInputStream();
			OutputStream out = socket.getOutputStream();
			boolean upgrade = switch (this.protocol) {
				case SMTP -> smtp(in, out);
				case IMAP -> imap(in, out);
				case POP3 -> pop3(in, out);
				case FTP -> ftp(in, out);
				case LDAP -> ldap(in, out);
				case TLS, FILE -> throw new IllegalStateException("refused when the server started");
			};
			if (upgrade) {
				handshakeAndClose((SSLSocket) this.tls.getSocketFactory().createSocket(socket, null, true));
			}
		}
		catch (IOException ex) {
			// a client that hangs up mid-dialogue is normal for an auditor that only wants the chain
		}
	}

	private static void handshakeAndClose(SSLSocket socket) throws IOException {
		try (socket) {
			socket.startHandshake();
			// wait for the client to close so it can read the whole flight
			socket.getInputStream().read();
		}
	}

	private boolean offersStartTls() {
		return this.tls != null;
	}

	// RFC 3207: STARTTLS is listed in the EHLO reply and answered 220, or 454 when TLS is unavailable
	private boolean smtp(InputStream in, OutputStream out) throws IOException {
		send(out, "220-" + SERVER_NAME + " ESMTP", "220 cert-audit loopback server");
		for (String command = readLine(in); command != null; command = readLine(in)) {
			switch (verb(command)) {
				case "EHLO" -> send(out, offersStartTls()
						? new String[] { "250-" + SERVER_NAME, "250-PIPELINING", "250-STARTTLS", "250 8BITMIME" }
						: new String[] { "250-" + SERVER_NAME, "250-PIPELINING", "250 8BITMIME" });
				case "STARTTLS" -> {
					if (offersStartTls()) {
						send(out, "220 2.0.0 Ready to start TLS");
						return true;
					}
					send(out, "454 4.7.0 TLS not available");
				}
				default -> send(out, "500 5.5.2 Command not recognized");
			}
		}
		return false;
	}

	// RFC 9051 section 6.2.1: a tagged OK starts TLS; NO when it is unavailable
	private boolean imap(InputStream in, OutputStream out) throws IOException {
		send(out, "* OK [CAPABILITY IMAP4rev2" + (offersStartTls() ? " STARTTLS" : "") + "] cert-audit loopback server");
		for (String command = readLine(in); command != null; command = readLine(in)) {
			String[] words = command.split(" ", 3);
			String tag = words[0];
			if (words.length > 1 && words[1].equalsIgnoreCase("STARTTLS")) {
				if (offersStartTls()) {
					send(out, tag + " OK Begin TLS negotiation now");
					return true;
				}
				send(out, tag + " NO TLS is not available");
			}
			else {
				send(out, tag + " BAD Command not recognized");
			}
		}
		return false;
	}

	// RFC 2595 section 4: STLS answered +OK, or -ERR
	private boolean pop3(InputStream in, OutputStream out) throws IOException {
		send(out, "+OK cert-audit loopback server ready");
		for (String command = readLine(in); command != null; command = readLine(in)) {
			if (verb(command).equals("STLS")) {
				if (offersStartTls()) {
					send(out, "+OK Begin TLS negotiation");
					return true;
				}
				send(out, "-ERR TLS not available");
			}
			else {
				send(out, "-ERR Command not recognized");
			}
		}
		return false;
	}

	// RFC 4217 section 4: AUTH TLS answered 234, or 534 when policy denies it
	private boolean ftp(InputStream in, OutputStream out) throws IOException {
		send(out, "220-cert-audit loopback server", "220 " + SERVER_NAME + " FTP ready");
		for (String command = readLine(in); command != null; command = readLine(in)) {
			if (command.equalsIgnoreCase("AUTH TLS")) {
				if (offersStartTls()) {
					send(out, "234 AUTH TLS successful");
					return true;
				}
				send(out, "534 Request denied for policy reasons");
			}
			else {
				send(out, "500 Command not recognized");
			}
		}
		return false;
	}

	// RFC 4511 section 4.14.2: an ExtendedResponse with success, or unavailable (52) without TLS; the
	// request itself is not parsed beyond its messageID, as the only client is the prober
	private boolean ldap(InputStream in, OutputStream out) throws IOException {
		int messageId = ldapMessageId(in);
		byte[] response = offersStartTls() ? extendedResponse(messageId, 0, "")
				: extendedResponse(messageId, 52, "TLS is not configured on this server");
		out.write(response);
		out.flush();
		return offersStartTls();
	}

	/** Reads one short-form LDAPMessage and returns its one-octet messageID. */
	private static int ldapMessageId(InputStream in) throws IOException {
		int tag = in.read();
		int length = in.read();
		if (tag != 0x30 || length < 0 || length >= 0x80) {
			throw new IOException("not an LDAP request this server understands");
		}
		byte[] message = in.readNBytes(length);
		if (message.length < 3 || message[0] != 0x02 || message[1] != 1) {
			throw new IOException("not an LDAP request this server understands");
		}
		return message[2];
	}

	// LDAPMessage { messageID, ExtendedResponse { resultCode, matchedDN "", diagnosticMessage,
	// responseName StartTLS when it succeeds } }
	private static byte[] extendedResponse(int messageId, int resultCode, String diagnosticMessage) {
		byte[] responseName = (resultCode == 0)
				? tlv(0x8a, "1.3.6.1.4.1.1466.20037".getBytes(StandardCharsets.US_ASCII)) : new byte[0];
		return tlv(0x30, tlv(0x02, new byte[] { (byte) messageId }),
				tlv(0x78, tlv(0x0a, new byte[] { (byte) resultCode }), tlv(0x04),
						tlv(0x04, diagnosticMessage.getBytes(StandardCharsets.UTF_8)), responseName));
	}

	/** Short-form lengths, enough for the responses above. */
	private static byte[] tlv(int tag, byte[]... parts) {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			content.writeBytes(part);
		}
		ByteArrayOutputStream element = new ByteArrayOutputStream();
		element.write(tag);
		element.write(content.size());
		element.writeBytes(content.toByteArray());
		return element.toByteArray();
	}

	/** The next command without its line ending, or null once the client hangs up. */
	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				return null;
			}
			if (line.size() == MAX_REQUEST_BYTES) {
				throw new IOException("a command longer than " + MAX_REQUEST_BYTES + " bytes");
			}
			line.write(b);
		}
		return line.toString(StandardCharsets.US_ASCII).strip();
	}

	private static String verb(String command) {
		return command.split(" ", 2)[0].toUpperCase(Locale.ROOT);
	}

	private static void send(OutputStream out, String... lines) throws IOException {
		StringBuilder reply = new StringBuilder();
		for (String line : lines) {
			reply.append(line).append("\r\n");
		}
		out.write(reply.toString().getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() {
		this.listener.close();
	}

}
