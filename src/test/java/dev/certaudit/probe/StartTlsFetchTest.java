package dev.certaudit.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackStartTlsServer;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

/**
 * STARTTLS against loopback servers only: every target pins its name to the loopback address with
 * {@code address=}, so no test ever asks DNS.
 */
class StartTlsFetchTest {

	private static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

	private static final String HOST = "mail.example.test";

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=StartTLS Test Root");

	private static final IssuedCertificate INTERMEDIATE = CertificateGenerator.intermediate("CN=StartTLS Test CA",
			ROOT);

	private static final IssuedCertificate LEAF = CertificateGenerator.certificate("CN=" + HOST)
		.issuedBy(INTERMEDIATE)
		.dnsNames(HOST)
		.build();

	private static final FetchSettings.Retries NO_RETRIES = new FetchSettings.Retries(0, Duration.ZERO, Duration.ZERO);

	private final CertificateFetcher fetcher = new CertificateFetcher(
			new FetchSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), NO_RETRIES));

	private final CertificateFetcher impatientFetcher = new CertificateFetcher(
			new FetchSettings(Duration.ofSeconds(2), Duration.ofMillis(500), NO_RETRIES));

	@AfterEach
	void closeFetchers() {
		this.fetcher.close();
		this.impatientFetcher.close();
	}

	@Test
	void smtpStartTlsFetchesTheServedChain() throws Exception {
		fetchesTheServedChainOverStartTls(Protocol.SMTP);
	}

	@Test
	void imapStartTlsFetchesTheServedChain() throws Exception {
		fetchesTheServedChainOverStartTls(Protocol.IMAP);
	}

	@Test
	void pop3StlsFetchesTheServedChain() throws Exception {
		fetchesTheServedChainOverStartTls(Protocol.POP3);
	}

	@Test
	void ftpAuthTlsFetchesTheServedChain() throws Exception {
		fetchesTheServedChainOverStartTls(Protocol.FTP);
	}

	@Test
	void ldapStartTlsFetchesTheServedChain() throws Exception {
		fetchesTheServedChainOverStartTls(Protocol.LDAP);
	}

	@Test
	void smtpWithoutStartTlsIsRefusedWithTheServersReply() throws Exception {
		assertThat(refusal(Protocol.SMTP)).isEqualTo(
				"no STARTTLS in the EHLO reply: 250-loopback.cert-audit.test / 250-PIPELINING / 250 8BITMIME");
	}

	@Test
	void imapWithoutStartTlsIsRefusedWithTheServersReply() throws Exception {
		assertThat(refusal(Protocol.IMAP)).isEqualTo("a1 NO TLS is not available");
	}

	@Test
	void pop3WithoutStlsIsRefusedWithTheServersReply() throws Exception {
		assertThat(refusal(Protocol.POP3)).isEqualTo("-ERR TLS not available");
	}

	@Test
	void ftpWithoutAuthTlsIsRefusedWithTheServersReply() throws Exception {
		assertThat(refusal(Protocol.FTP)).isEqualTo("534 Request denied for policy reasons");
	}

	@Test
	void ldapWithoutStartTlsIsRefusedWithTheServersResultCode() throws Exception {
		assertThat(refusal(Protocol.LDAP)).isEqualTo("resultCode 52 (unavailable): TLS is not configured on this server");
	}

	/** Port 465 listed as {@code smtp}: both sides wait for the other to speak first. */
	@Test
	void smtpTargetOnAnImplicitTlsPortTimesOutWaitingForTheGreeting() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, LEAF, INTERMEDIATE.certificate())) {
			long started = System.nanoTime();

			ProbeResult result = this.impatientFetcher.fetch(pinned(Protocol.SMTP, server.port()));

			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STALLED);
			assertThat(result.detail()).isEqualTo("SMTP STARTTLS did not finish within 500 ms");
			assertThat(result.chainPem()).isEmpty();
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void smtpGreetingDrippedByteByByteIsCutOffAtTheHandshakeDeadline() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			// every byte comes well within the per-read timeout; only the overall deadline stops it
			OutputStream out = socket.getOutputStream();
			out.write("220".getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < 50; i++) {
				out.write('-');
				out.flush();
				Thread.sleep(200);
			}
		})) {
			long started = System.nanoTime();

			ProbeResult result = this.impatientFetcher.fetch(pinned(Protocol.SMTP, server.port()));

			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STALLED);
			assertThat(result.detail()).isEqualTo("SMTP STARTTLS did not finish within 500 ms");
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(2));
		}
	}

	@Test
	void httpServerListedAsSmtpDoesNotSpeakTheProtocol() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			send(socket, "HTTP/1.1 400 Bad Request\r\n\r\n");
			awaitHangUp(socket);
		})) {
			ProbeResult result = this.fetcher.fetch(pinned(Protocol.SMTP, server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.NOT_TLS);
			assertThat(result.detail()).isEqualTo("not SMTP: HTTP/1.1 400 Bad Request");
		}
	}

	@Test
	void serverHangingUpDuringTheDialogueIsAHandshakeFailure() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			send(socket, "+OK POP3 ready\r\n");
			skipLine(socket.getInputStream());
		})) {
			ProbeResult result = this.fetcher.fetch(pinned(Protocol.POP3, server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.HANDSHAKE_FAILED);
			assertThat(result.detail()).isEqualTo("the server closed the connection during POP3 STARTTLS");
		}
	}

	@Test
	void serverSpeakingPastItsAgreementDoesNotSpeakTheProtocol() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			send(socket, "+OK POP3 ready\r\n");
			skipLine(socket.getInputStream());
			send(socket, "+OK Begin TLS negotiation\r\n+OK injected\r\n");
			awaitHangUp(socket);
		})) {
			ProbeResult result = this.fetcher.fetch(pinned(Protocol.POP3, server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.NOT_TLS);
			// one write arrives whole on loopback; were it split, TLS would meet the stray bytes instead
			assertThat(result.detail()).isIn("not POP3: data after agreeing to STARTTLS",
					"Unsupported or unrecognized SSL message");
		}
	}

	private void fetchesTheServedChainOverStartTls(Protocol protocol) throws Exception {
		try (LoopbackStartTlsServer server = LoopbackStartTlsServer.start(0, protocol, LEAF,
				INTERMEDIATE.certificate(), ROOT.certificate())) {
			ProbeResult result = this.fetcher.fetch(pinned(protocol, server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(result.detail()).isNull();
			assertThat(result.address()).isEqualTo(LOOPBACK);
			assertThat(result.chainPem()).containsExactly(Pem.encode(LEAF.certificate()),
					Pem.encode(INTERMEDIATE.certificate()), Pem.encode(ROOT.certificate()));
			assertThat(result.tlsProtocol()).isEqualTo("TLSv1.3");
			assertThat(server.requestedServerNames()).containsExactly(List.of(HOST));
		}
	}

	private String refusal(Protocol protocol) throws Exception {
		try (LoopbackStartTlsServer server = LoopbackStartTlsServer.refusingStartTls(0, protocol)) {
			ProbeResult result = this.fetcher.fetch(pinned(protocol, server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STARTTLS_REFUSED);
			assertThat(result.address()).isEqualTo(LOOPBACK);
			assertThat(result.chainPem()).isEmpty();
			return result.detail();
		}
	}

	private static Target pinned(Protocol protocol, int port) {
		return new Target(HOST, port, protocol, LOOPBACK, Map.of(), "test:1");
	}

	private static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
	}

	private static void skipLine(InputStream in) throws IOException {
		int b;
		do {
			b = in.read();
		}
		while (b != '\n' && b != -1);
	}

	private static void awaitHangUp(Socket socket) throws IOException {
		socket.setSoTimeout(5_000);
		socket.getInputStream().read();
	}

}
