package dev.certaudit.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.demo.IssuedCertificate;

import dev.certaudit.demo.LoopbackStartTlsServer;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.inventory.Protocol;

import static dev.certaudit.probe.LoopbackProbes.LOOPBACK;
import static dev.certaudit.probe.LoopbackProbes.pinned;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * STARTTLS against loopback servers only: every target pins its name to the loopback address with
 * {@code address=}, so no test ever asks DNS.
 */
class StartTlsFetchTest {

	private static final String HOST = "mail.example.test";

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	@RegisterExtension
	static final LoopbackProbes PROBES = new LoopbackProbes(HOST, "StartTLS Test");

	/** SMTP and IMAP STARTTLS, POP3 STLS, FTP AUTH TLS and LDAP StartTLS each lead to the served chain. */
	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "SMTP", "IMAP", "POP3", "FTP", "LDAP" })
	void startTlsFetchesTheServedChain(Protocol protocol) throws Exception {
		try (LoopbackStartTlsServer server = LoopbackStartTlsServer.start(0, protocol, PROBES.leaf(), PROBES.issuers())) {
			ProbeResult result = PROBES.fetcher().fetch(pinned(HOST, protocol, server.port()));

			PROBES.assertWholeChainFetched(result);
			assertThat(server.requestedServerNames()).containsExactly(List.of(HOST));
		}
	}

	/** The detail quotes the server's own answer (LDAP's result code), so an operator sees why. */
	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			SMTP | no STARTTLS in the EHLO reply: 250-loopback.cert-audit.test / 250-PIPELINING / 250 8BITMIME
			IMAP | a1 NO TLS is not available
			POP3 | -ERR TLS not available
			FTP  | 534 Request denied for policy reasons
			LDAP | resultCode 52 (unavailable): TLS is not configured on this server
			""")
	void withoutStartTlsIsRefusedWithTheServersReply(Protocol protocol, String reply) throws Exception {
		try (LoopbackStartTlsServer server = LoopbackStartTlsServer.refusingStartTls(0, protocol)) {
			ProbeResult result = PROBES.fetcher().fetch(pinned(HOST, protocol, server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STARTTLS_REFUSED);
			assertThat(result.address()).isEqualTo(LOOPBACK);
			assertThat(result.chain()).isEmpty();
			assertThat(result.detail()).isEqualTo(reply);
		}
	}

	/** Port 465 listed as {@code smtp}: both sides wait for the other to speak first. */
	@Test
	void smtpTargetOnAnImplicitTlsPortTimesOutWaitingForTheGreeting() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, PROBES.leaf(), PROBES.intermediate().certificate())) {
			long started = System.nanoTime();

			ProbeResult result = PROBES.impatientFetcher().fetch(pinned(HOST, Protocol.SMTP, server.port()));

			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STALLED);
			assertThat(result.detail()).isEqualTo("SMTP STARTTLS did not finish within 500 ms");
			assertThat(result.chain()).isEmpty();
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(3));
		}
	}

	/** exim's {@code delay = 12s} in {@code acl_smtp_connect}, a common spam tarpit, is two seconds past the handshake timeout. */
	@Test
	void greetingHeldBackTwelveSecondsIsWaitedForWithTheDefaultSettings() throws Exception {
		FetchSettings defaults = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("cert-audit", CertAuditProperties.class)
			.fetch()
			.settings();
		IssuedCertificate leaf = LoopbackProbes.selfSigned(HOST);
		SSLContext tls = LoopbackProbes.serverContext(leaf);
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			Thread.sleep(12_000);
			SmtpPeer.greet(socket);
			SmtpPeer.startTls(socket, tls);
		}); CertificateFetcher fetcher = new CertificateFetcher(defaults)) {
			ProbeResult result = fetcher.fetch(pinned(HOST, Protocol.SMTP, server.port()));

			assertThat(defaults.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(defaults.dialogueTimeout()).isEqualTo(Duration.ofSeconds(30));
			assertThat(result.outcome()).as(result.detail()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(result.chain()).containsExactly(leaf.certificate());
			assertThat(result.attempts()).isEqualTo(1);
		}
	}

	@Test
	void smtpGreetingDrippedByteByByteIsCutOffAtTheDialogueDeadline() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			// every byte comes well within the per-read timeout; only the dialogue's deadline stops it
			OutputStream out = socket.getOutputStream();
			out.write("220".getBytes(StandardCharsets.US_ASCII));
			for (int i = 0; i < 50; i++) {
				out.write('-');
				out.flush();
				Thread.sleep(200);
			}
		}); CertificateFetcher fetcher = new CertificateFetcher(
				new FetchSettings(TIMEOUT, Duration.ofSeconds(1), TIMEOUT, LoopbackProbes.NO_RETRIES))) {
			long started = System.nanoTime();

			ProbeResult result = fetcher.fetch(pinned(HOST, Protocol.SMTP, server.port()));

			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STALLED);
			assertThat(result.detail()).isEqualTo("SMTP STARTTLS did not finish within 1000 ms");
			// the peer would drip for ten seconds
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(950)).isLessThan(Duration.ofSeconds(6));
		}
	}

	/** The handshake gets its own time after the dialogue, not what the dialogue left of one deadline. */
	@Test
	void handshakeStalledAfterAPromptStartTlsIsCutOffAtTheHandshakeDeadline() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			SmtpPeer.greet(socket);
			SmtpPeer.awaitStartTls(socket);
			SmtpPeer.reply(socket, "220 2.0.0 Ready to start TLS");
			Thread.sleep(30_000);
		}); CertificateFetcher fetcher = new CertificateFetcher(
				new FetchSettings(TIMEOUT, Duration.ofSeconds(30), Duration.ofMillis(500), LoopbackProbes.NO_RETRIES))) {
			ProbeResult result = fetcher.fetch(pinned(HOST, Protocol.SMTP, server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STALLED);
			assertThat(result.detail()).isEqualTo("TLS handshake did not finish within 500 ms");
		}
	}

	@Test
	void httpServerListedAsSmtpDoesNotSpeakTheProtocol() throws Exception {
		ProbeResult result = PROBES.fetchFrom(Protocol.SMTP, (socket) -> {
			send(socket, "HTTP/1.1 400 Bad Request\r\n\r\n");
			awaitHangUp(socket);
		});

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.NOT_TLS);
		assertThat(result.detail()).isEqualTo("not SMTP: HTTP/1.1 400 Bad Request");
	}

	@Test
	void serverSpeakingPastItsAgreementDoesNotSpeakTheProtocol() throws Exception {
		ProbeResult result = PROBES.fetchFrom(Protocol.POP3, (socket) -> {
			greetAsPop3AndReadStls(socket);
			send(socket, "+OK Begin TLS negotiation\r\n+OK injected\r\n");
			awaitHangUp(socket);
		});

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.NOT_TLS);
		// one write arrives whole on loopback; were it split, TLS would meet the stray bytes instead
		assertThat(result.detail()).isIn("not POP3: data after agreeing to STARTTLS",
				"Unsupported or unrecognized SSL message");
	}

	@Test
	void serverHangingUpDuringTheDialogueIsAHandshakeFailure() throws Exception {
		ProbeResult result = PROBES.fetchFrom(Protocol.POP3, StartTlsFetchTest::greetAsPop3AndReadStls);

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.HANDSHAKE_FAILED);
		assertThat(result.detail()).isEqualTo("the server closed the connection during POP3 STARTTLS");
	}

	private static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
	}

	/** The POP3 dialogue up to the client's STLS command, which the server reads and leaves unanswered. */
	private static void greetAsPop3AndReadStls(Socket socket) throws IOException {
		send(socket, "+OK POP3 ready\r\n");
		skipLine(socket.getInputStream());
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
