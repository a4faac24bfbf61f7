package dev.certaudit.probe;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

import static dev.certaudit.probe.LoopbackProbes.closedPort;
import static dev.certaudit.probe.LoopbackProbes.pinned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Transient failures are tried again with a growing pause; answers that would not change are not. */
class FetchRetryTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final Duration BACKOFF = Duration.ofMillis(20);

	private static final IssuedCertificate LEAF = LoopbackProbes.selfSigned("flaky.example.test");

	@Test
	void serverThatResetsTheFirstConnectionsIsFetchedOnALaterAttempt() throws Exception {
		try (FlakyTlsServer server = FlakyTlsServer.start(LEAF, 3);
				CertificateFetcher fetcher = fetcher(4)) {
			ProbeResult result = fetcher.fetch(target(server.port()));

			assertThat(result.outcome()).as(result.detail()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(result.chain()).containsExactly(LEAF.certificate());
			assertThat(result.attempts()).isEqualTo(4);
			assertThat(server.connections()).isEqualTo(4);
		}
	}

	@Test
	void resetOnEveryAttemptGivesUpAfterTheRetriesWithTheLastReason() throws Exception {
		try (FlakyTlsServer server = FlakyTlsServer.start(LEAF, 100);
				CertificateFetcher fetcher = fetcher(2)) {
			ProbeResult result = fetcher.fetch(target(server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.IO_ERROR);
			assertThat(result.detail()).isNotBlank();
			assertThat(result.attempts()).isEqualTo(3);
			assertThat(server.connections()).isEqualTo(3);
		}
	}

	@Test
	void refusedConnectionIsRetried() throws Exception {
		try (CertificateFetcher fetcher = fetcher(2)) {
			ProbeResult result = fetcher.fetch(target(closedPort()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.REFUSED);
			assertThat(result.attempts()).isEqualTo(3);
		}
	}

	@Test
	void serviceThatDoesNotSpeakTlsIsNotRetried() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			OutputStream out = socket.getOutputStream();
			out.write("220 garbage, not TLS at all\r\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
			out.flush();
			socket.setSoTimeout(5_000);
			socket.getInputStream().read(new byte[4096]);
		}); CertificateFetcher fetcher = fetcher(4)) {
			ProbeResult result = fetcher.fetch(target(server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.NOT_TLS);
			assertThat(result.attempts()).isEqualTo(1);
		}
	}

	@Test
	void handshakeAlertIsNotRetried() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			socket.getInputStream().read(new byte[4096]);
			// a TLS record: fatal alert, handshake_failure (RFC 8446 section 6)
			OutputStream out = socket.getOutputStream();
			out.write(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28 });
			out.flush();
			socket.setSoTimeout(5_000);
			socket.getInputStream().read();
		}); CertificateFetcher fetcher = fetcher(4)) {
			ProbeResult result = fetcher.fetch(target(server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.HANDSHAKE_FAILED);
			assertThat(result.detail()).contains("handshake_failure");
			assertThat(result.attempts()).isEqualTo(1);
		}
	}

	@Test
	void startTlsPutOffWith454IsRetriedAndFetchedOnceTheServerAgrees() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		SSLContext tls = LoopbackProbes.serverContext(LEAF);
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			boolean putOff = connections.incrementAndGet() <= 2;
			SmtpPeer.greet(socket);
			SmtpPeer.awaitStartTls(socket);
			if (putOff) {
				SmtpPeer.reply(socket, "454 4.7.0 TLS not available due to temporary reason");
			}
			else {
				SmtpPeer.reply(socket, "220 2.0.0 Ready to start TLS");
				SmtpPeer.shakeHands(socket, tls);
			}
		}); CertificateFetcher fetcher = fetcher(3)) {
			ProbeResult result = fetcher.fetch(smtpTarget(server.port()));

			assertThat(result.outcome()).as(result.detail()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(result.chain()).containsExactly(LEAF.certificate());
			assertThat(result.attempts()).isEqualTo(3);
		}
	}

	@Test
	void greetingThatSaysTryLaterOnEveryAttemptEndsWithTheServersReply() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start(
				(socket) -> SmtpPeer.reply(socket, "421 4.7.0 Too many concurrent connections"));
				CertificateFetcher fetcher = fetcher(2)) {
			ProbeResult result = fetcher.fetch(smtpTarget(server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.TRY_LATER);
			assertThat(result.detail()).isEqualTo("421 4.7.0 Too many concurrent connections");
			assertThat(result.attempts()).isEqualTo(3);
		}
	}

	@Test
	void startTlsRefusedWith5xxIsNotRetried() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			connections.incrementAndGet();
			SmtpPeer.greet(socket);
			SmtpPeer.awaitStartTls(socket);
			SmtpPeer.reply(socket, "554 5.7.3 TLS not permitted");
		}); CertificateFetcher fetcher = fetcher(3)) {
			ProbeResult result = fetcher.fetch(smtpTarget(server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STARTTLS_REFUSED);
			assertThat(result.detail()).isEqualTo("554 5.7.3 TLS not permitted");
			assertThat(result.attempts()).isEqualTo(1);
			assertThat(connections).hasValue(1);
		}
	}

	@Test
	void onlyRefusedResetTimedOutAndTryLaterVisitsAreWorthAnotherAttempt() {
		assertThat(Arrays.stream(ProbeOutcome.values()).filter(ProbeOutcome::transientFailure))
			.containsExactlyInAnyOrder(ProbeOutcome.REFUSED, ProbeOutcome.IO_ERROR, ProbeOutcome.TIMEOUT,
					ProbeOutcome.TRY_LATER, ProbeOutcome.STARTTLS_DEFERRED);
	}

	@Test
	void withoutRetriesAFlakyServerGetsOneAttempt() throws Exception {
		try (FlakyTlsServer server = FlakyTlsServer.start(LEAF, 1);
				CertificateFetcher fetcher = fetcher(0)) {
			ProbeResult result = fetcher.fetch(target(server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.IO_ERROR);
			assertThat(result.attempts()).isEqualTo(1);
			assertThat(server.connections()).isEqualTo(1);
		}
	}

	@Test
	void pauseDoublesFromTheBackoffUpToItsCap() {
		FetchSettings.Retries retries = new FetchSettings.Retries(6, Duration.ofMillis(500), Duration.ofSeconds(3));

		assertThat(retries.delayBefore(1)).isEqualTo(Duration.ofMillis(500));
		assertThat(retries.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
		assertThat(retries.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
		assertThat(retries.delayBefore(4)).isEqualTo(Duration.ofSeconds(3));
		assertThat(retries.delayBefore(6)).isEqualTo(Duration.ofSeconds(3));
		assertThat(new FetchSettings.Retries(20, Duration.ofMillis(1), Duration.ofDays(1)).delayBefore(20))
			.isEqualTo(Duration.ofMillis(1L << 19));
	}

	@Test
	void negativeRetriesAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FetchSettings.Retries(-1, BACKOFF, BACKOFF))
			.withMessage("retries must not be negative, got -1");
	}

	private static CertificateFetcher fetcher(int retries) {
		return new CertificateFetcher(new FetchSettings(TIMEOUT, TIMEOUT, TIMEOUT,
				new FetchSettings.Retries(retries, BACKOFF, Duration.ofSeconds(1))));
	}

	private static Target target(int port) {
		return pinned("flaky.example.test", port);
	}

	private static Target smtpTarget(int port) {
		return pinned("flaky.example.test", Protocol.SMTP, port);
	}

}
