package dev.certaudit.probe;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.inventory.Target;

import static dev.certaudit.probe.LoopbackProbes.NO_RETRIES;
import static dev.certaudit.probe.LoopbackProbes.pinned;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Endpoints that misbehave on purpose cost at most the handshake timeout and end as a result with a
 * reason, never as an exception or a hung probe.
 */
class HostileEndpointTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	/** The deadline plus room for a loaded machine, well below what a hung probe would take. */
	private static final Duration WORST_CASE = TIMEOUT.plusSeconds(2);

	private final CertificateFetcher fetcher = new CertificateFetcher(
			new FetchSettings(TIMEOUT, TIMEOUT, TIMEOUT, NO_RETRIES));

	@AfterEach
	void closeFetcher() {
		this.fetcher.close();
	}

	@Test
	void portThatAcceptsAndNeverAnswersTimesOutAtTheDeadline() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> Thread.sleep(30_000))) {
			ProbeResult result = timed(() -> this.fetcher.fetch(target(server.port())));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STALLED);
			assertThat(result.detail()).isIn("TLS handshake did not finish within 1000 ms", "Read timed out");
		}
	}

	@Test
	void serverDrippingAByteASecondIsCutOffAtTheDeadline() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start(PlainTcpServer.DRIPS_A_BYTE_A_SECOND)) {
			ProbeResult result = timed(() -> this.fetcher.fetch(target(server.port())));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.STALLED);
			assertThat(result.detail()).isEqualTo("TLS handshake did not finish within 1000 ms");
		}
	}

	@Test
	void plainHttpServerIsNotTls() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			socket.getInputStream().read(new byte[4096]);
			OutputStream out = socket.getOutputStream();
			out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		})) {
			ProbeResult result = timed(() -> this.fetcher.fetch(target(server.port())));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.NOT_TLS);
			assertThat(result.detail()).isNotBlank();
		}
	}

	@Test
	void garbageInsteadOfTlsIsNotTls() throws Exception {
		byte[] garbage = new byte[4096];
		new Random(42).nextBytes(garbage);
		garbage[0] = 'Z';
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			OutputStream out = socket.getOutputStream();
			out.write(garbage);
			out.flush();
			Thread.sleep(2_000);
		})) {
			ProbeResult result = timed(() -> this.fetcher.fetch(target(server.port())));

			assertThat(result.outcome()).isIn(ProbeOutcome.NOT_TLS, ProbeOutcome.HANDSHAKE_FAILED);
			assertThat(result.detail()).isNotBlank();
		}
	}

	@Test
	void connectionResetMidHandshakeIsANetworkErrorRow() throws Exception {
		try (PlainTcpServer server = PlainTcpServer.start((socket) -> {
			socket.getInputStream().read(new byte[64]);
			// linger 0 makes close() send RST instead of FIN
			socket.setSoLinger(true, 0);
			socket.close();
		})) {
			ProbeResult result = timed(() -> this.fetcher.fetch(target(server.port())));

			assertThat(result.outcome()).isIn(ProbeOutcome.IO_ERROR, ProbeOutcome.HANDSHAKE_FAILED);
			assertThat(result.chain()).isEmpty();
		}
	}

	@Test
	void hundredCertificateChainIsJudgedWhole() throws Exception {
		List<X509Certificate> chain = deepChain(100);
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, this.deepLeaf.keyPair().getPrivate(), chain)) {
			ProbeResult result = timed(() -> this.fetcher.fetch(target(server.port())));

			assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(result.chain()).hasSize(100).first().isEqualTo(this.deepLeaf.certificate());
		}
	}

	@Test
	void chainLongerThanTheCapIsARowNotACrash() throws Exception {
		List<X509Certificate> chain = deepChain(FetchSettings.DEFAULT_MAX_CHAIN_LENGTH + 30);
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, this.deepLeaf.keyPair().getPrivate(), chain)) {
			ProbeResult result = timed(() -> this.fetcher.fetch(target(server.port())));

			// cert-audit.fetch.max-chain-length bounds what a hostile server can make the audit parse
			assertThat(result.outcome()).isEqualTo(ProbeOutcome.HANDSHAKE_FAILED);
			assertThat(result.detail()).isNotBlank();
		}
	}

	private IssuedCertificate deepLeaf;

	/** A leaf under {@code length - 1} intermediates, leaf first, as a server would send it. */
	private List<X509Certificate> deepChain(int length) {
		IssuedCertificate issuer = CertificateGenerator.root("CN=Deep Root");
		List<X509Certificate> cas = new ArrayList<>();
		for (int i = 0; i < length - 1; i++) {
			issuer = CertificateGenerator.intermediate("CN=Deep CA " + i, issuer);
			cas.add(0, issuer.certificate());
		}
		this.deepLeaf = CertificateGenerator.server("deep.example.test", issuer, 100);
		List<X509Certificate> chain = new ArrayList<>(List.of(this.deepLeaf.certificate()));
		chain.addAll(cas);
		return chain;
	}

	@Test
	void hugeCertificateIsARowNotACrash() throws Exception {
		String[] names = new String[3000];
		for (int i = 0; i < names.length; i++) {
			names[i] = "host-" + i + ".very-long-subject-alternative-name.example.test";
		}
		IssuedCertificate huge = CertificateGenerator.certificate("CN=huge.example.test").dnsNames(names).build();
		assertThat(huge.certificate().getEncoded().length).isGreaterThan(100_000);
		try (LoopbackTlsServer server = LoopbackTlsServer.start(0, huge)) {
			ProbeResult result = timed(() -> this.fetcher.fetch(target(server.port())));

			// judged whole, or cut off by the handshake deadline on a machine too loaded to read it in time
			assertThat(result.outcome()).isIn(ProbeOutcome.FETCHED, ProbeOutcome.STALLED);
			assertThat(result.durationMillis()).isLessThan(WORST_CASE.toMillis());
		}
	}

	private static ProbeResult timed(Supplier<ProbeResult> probe) {
		long started = System.nanoTime();
		ProbeResult result = probe.get();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WORST_CASE);
		return result;
	}

	private static Target target(int port) {
		return pinned("hostile.example.test", port);
	}

}
