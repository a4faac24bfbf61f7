package dev.certaudit.probe;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

import static dev.certaudit.probe.LoopbackProbes.LOOPBACK;
import static dev.certaudit.probe.LoopbackProbes.closedPort;
import static dev.certaudit.probe.LoopbackProbes.pinned;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes loopback servers only: every target either is an IP literal or pins its name to the
 * loopback address with {@code address=}, so no test ever asks DNS.
 */
class CertificateFetcherTest {

	private static final String HOST = "www.example.test";

	@RegisterExtension
	static final LoopbackProbes PROBES = new LoopbackProbes(HOST, "Fetch Test");

	@Test
	void fetchesTheFullPresentedChainInOrderWithTheTlsProtocol() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, PROBES.leaf(), PROBES.issuers())) {
			Instant before = Instant.now();

			ProbeResult result = PROBES.fetcher().fetch(pinned(HOST, server.port()));

			PROBES.assertWholeChainFetched(result);
			assertThat(result.cipherSuite()).startsWith("TLS_");
			assertThat(result.fetchedAt()).isBetween(before, Instant.now());
			assertThat(result.durationMillis()).isNotNegative();
		}
	}

	@Test
	void chainIsCapturedExactlyAsSentEvenOutOfOrder() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, PROBES.leaf(), PROBES.root().certificate(),
				PROBES.intermediate().certificate())) {
			ProbeResult result = PROBES.fetcher().fetch(pinned(HOST, server.port()));

			assertThat(result.chain()).containsExactly(PROBES.leaf().certificate(),
					PROBES.root().certificate(), PROBES.intermediate().certificate());
		}
	}

	@Test
	void expiredSelfSignedCertificateIsFetchedWithoutBeingTrusted() throws Exception {
		IssuedCertificate expired = CertificateGenerator.certificate("CN=" + HOST)
			.dnsNames(HOST)
			.validFrom(Instant.now().minus(Duration.ofDays(400)))
			.validUntil(Instant.now().minus(Duration.ofDays(35)))
			.build();
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, expired)) {
			ProbeResult result = PROBES.fetcher().fetch(pinned(HOST, server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(result.chain()).containsExactly(expired.certificate());
		}
	}

	@Test
	void sendsTheHostNameAsSni() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, PROBES.leaf())) {
			ProbeResult result = PROBES.fetcher().fetch(pinned("shop.example.test", server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(server.requestedServerNames()).containsExactly(List.of("shop.example.test"));
		}
	}

	@Test
	void addressOverrideConnectsThereWhileSniUsesTheHostName() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, PROBES.leaf())) {
			Target target = new Target(HOST, server.port(), Protocol.TLS, "127.0.0.1", Map.of("owner", "web"),
					"hosts.txt:1");

			ProbeResult result = PROBES.fetcher().fetch(target);

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(result.address()).isEqualTo("127.0.0.1");
			assertThat(server.requestedServerNames()).containsExactly(List.of(HOST));
		}
	}

	@Test
	void ipAddressHostSendsNoSni() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, PROBES.leaf())) {
			ProbeResult result = PROBES.fetcher().fetch(target(LOOPBACK, null, server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(result.address()).isEqualTo(LOOPBACK);
			assertThat(server.requestedServerNames()).containsExactly(List.of());
		}
	}

	@Test
	void hostWithTrailingDotSendsSniWithoutTheDot() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, PROBES.leaf())) {
			ProbeResult result = PROBES.fetcher().fetch(pinned(HOST + ".", server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(server.requestedServerNames()).containsExactly(List.of(HOST));
		}
	}

	@Test
	void hostWithUnderscoreIsFetchedWithoutSni() throws Exception {
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, PROBES.leaf())) {
			ProbeResult result = PROBES.fetcher().fetch(pinned("build_01.corp.example.test", server.port()));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(result.chain()).containsExactly(PROBES.leaf().certificate());
			assertThat(result.handshake().serverNameSent()).isFalse();
			assertThat(server.requestedServerNames()).containsExactly(List.of());
		}
	}

	@Test
	void closedPortIsRefused() throws Exception {
		ProbeResult result = PROBES.fetcher().fetch(pinned(HOST, closedPort()));

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.REFUSED);
		assertThat(result.address()).isEqualTo(LOOPBACK);
		assertThat(result.detail()).isNotBlank();
		assertThat(result.chain()).isEmpty();
		assertThat(result.tlsProtocol()).isNull();
	}

	@Test
	void plainHttpServerIsNotTls() throws Exception {
		ProbeResult result = PROBES.fetchFrom(Protocol.TLS, (socket) -> {
			readOneTlsRecord(socket);
			OutputStream out = socket.getOutputStream();
			out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			socket.setSoTimeout(5_000);
			socket.getInputStream().read();
		});

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.NOT_TLS);
		assertThat(result.address()).isEqualTo(LOOPBACK);
		assertThat(result.chain()).isEmpty();
	}

	@Test
	void serverThatNeverAnswersTimesOutAtTheHandshakeDeadline() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> Thread.sleep(10_000))) {
			long started = System.nanoTime();

			ProbeResult result = PROBES.impatientFetcher().fetch(pinned(HOST, server.port()));

			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STALLED);
			assertThat(result.detail()).isIn("TLS handshake did not finish within 500 ms", "Read timed out");
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void serverDrippingBytesIsCutOffAtTheHandshakeDeadline() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			readOneTlsRecord(socket);
			OutputStream out = socket.getOutputStream();
			// a handshake record header announcing 16 KiB, then its body one byte at a time: every read
			// succeeds well within the per-read timeout, only the overall deadline stops it
			out.write(new byte[] { 0x16, 0x03, 0x03, 0x40, 0x00 });
			for (int i = 0; i < 100; i++) {
				Thread.sleep(100);
				out.write(0x02);
				out.flush();
			}
		})) {
			long started = System.nanoTime();

			ProbeResult result = PROBES.impatientFetcher().fetch(pinned(HOST, server.port()));

			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STALLED);
			assertThat(result.detail()).isEqualTo("TLS handshake did not finish within 500 ms");
			assertThat(elapsed).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void serverHangingUpMidHandshakeIsAHandshakeFailure() throws Exception {
		ProbeResult result = PROBES.fetchFrom(Protocol.TLS, CertificateFetcherTest::readOneTlsRecord);

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.HANDSHAKE_FAILED);
		assertThat(result.chain()).isEmpty();
	}

	/**
	 * An address the JDK refuses as a literal without asking any resolver, so the DNS failure path runs
	 * without a query leaving the machine (the real case, a name under {@code .invalid}, would be sent to
	 * the configured DNS server).
	 */
	@Test
	void unresolvableAddressIsADnsFailureWithoutConnecting() {
		ProbeResult result = PROBES.fetcher().fetch(target("nonexistent.invalid", "[nonexistent.invalid", 443));

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.DNS_FAILURE);
		assertThat(result.address()).isNull();
		assertThat(result.detail()).isEqualTo("cannot resolve nonexistent.invalid");
		assertThat(result.chain()).isEmpty();
	}

	private static Target target(String host, String address, int port) {
		return new Target(host, port, Protocol.TLS, address, Map.of(), "test:1");
	}

	/** Reads the client's first TLS record (its ClientHello) whole, so closing afterwards is a clean FIN. */
	private static void readOneTlsRecord(Socket socket) throws IOException {
		socket.setSoTimeout(5_000);
		DataInputStream in = new DataInputStream(socket.getInputStream());
		byte[] header = new byte[5];
		in.readFully(header);
		int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
		in.readFully(new byte[length]);
	}

}
