package dev.certaudit.analysis.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.certaudit.analysis.AnalysisEngine;
import dev.certaudit.analysis.Assessment;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.MisbehavingHttpServer;
import dev.certaudit.analysis.Status;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.ProbeOutcome;
import dev.certaudit.probe.ProbeResult;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine asking a loopback OCSP responder and CRL server about a leaf it judges. */
class RevocationCheckingTest {

	private static final String HOST = "www.example.test";

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Revocation Test Root");

	private static final IssuedCertificate ISSUER = CertificateGenerator.intermediate("CN=Revocation Test CA", ROOT);

	private static final List<String> REVOCATION_RULES = List.of("CRIT_CERT_REVOKED", "WARN_REVOCATION_UNKNOWN");

	private final AnalysisEngine engine = new AnalysisEngine(Thresholds.DEFAULTS,
			TrustAnchors.of(Set.of(ROOT.certificate())), new RevocationChecker(TIMEOUT));

	private LoopbackRevocationResponder responder;

	@BeforeEach
	void startResponder() throws IOException {
		this.responder = LoopbackRevocationResponder.start();
	}

	@AfterEach
	void stopResponder() {
		this.responder.close();
	}

	@Test
	void goodStatusFromTheIssuersResponderRaisesNoFinding() {
		this.responder.ocsp(CertificateStatus.GOOD, ISSUER);
		X509Certificate leaf = leaf((builder) -> builder.ocspUrl(this.responder.ocspUrl()));

		Assessment assessment = assess(this.engine, leaf);

		assertThat(assessment.findings()).isEmpty();
		assertThat(assessment.status()).isEqualTo(Status.OK);
		assertThat(this.responder.requests()).isEqualTo(1);
	}

	@Test
	void leafRevokedByOcspIsCriticalWithDateAndReason() {
		Instant revokedAt = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
		this.responder.ocsp(LoopbackRevocationResponder.revoked(revokedAt, CRLReason.keyCompromise), ISSUER);
		X509Certificate leaf = leaf((builder) -> builder.ocspUrl(this.responder.ocspUrl()));

		Assessment assessment = assess(this.engine, leaf);

		assertThat(assessment.status()).isEqualTo(Status.CRITICAL);
		assertThat(assessment.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_REVOKED");
			assertThat(finding.message()).isEqualTo("revoked on " + revokedAt
					+ " (reason: keyCompromise, according to OCSP " + this.responder.ocspUrl() + ")");
		});
	}

	@Test
	void responderDownIsUnknownWithinTheTimeout() throws IOException {
		String closed = "http://127.0.0.1:" + closedPort() + "/ocsp";
		X509Certificate leaf = leaf((builder) -> builder.ocspUrl(closed));

		long started = System.nanoTime();
		Assessment assessment = assess(this.engine, leaf);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(1));
		assertThat(assessment.status()).isEqualTo(Status.WARNING);
		assertThat(onlyRevocationFinding(assessment).message())
			.startsWith("revocation status unknown: OCSP " + closed + ": unreachable");
	}

	@Test
	void responderThatNeverAnswersTimesOut() throws IOException {
		AnalysisEngine impatient = new AnalysisEngine(Thresholds.DEFAULTS, TrustAnchors.of(Set.of(ROOT.certificate())),
				new RevocationChecker(Duration.ofMillis(300)));
		// the kernel completes the handshake for the backlog, but nobody ever reads the request
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			String url = "http://127.0.0.1:" + silent.getLocalPort() + "/ocsp";
			X509Certificate leaf = leaf((builder) -> builder.ocspUrl(url));

			long started = System.nanoTime();
			Assessment assessment = assess(impatient, leaf);

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			assertThat(onlyRevocationFinding(assessment).message())
				.isEqualTo("revocation status unknown: OCSP " + url + ": no complete answer within 300 ms");
		}
	}

	@Test
	@Timeout(30)
	void responderThatDripsItsAnswerIsUnknownOnceTheTimeoutPasses() throws Exception {
		try (MisbehavingHttpServer dripping = MisbehavingHttpServer.dripping()) {
			String url = dripping.url("/ocsp");
			X509Certificate leaf = leaf((builder) -> builder.ocspUrl(url));

			Assessment assessment = assess(impatient(), leaf);

			assertThat(onlyRevocationFinding(assessment).message())
				.isEqualTo("revocation status unknown: OCSP " + url + ": no complete answer within 500 ms");
			assertThat(dripping.clientHungUp(Duration.ofSeconds(20))).as("the connection was closed").isTrue();
		}
	}

	@Test
	@Timeout(30)
	void crlThatStallsAfterItsHeadersIsUnknownOnceTheTimeoutPasses() throws Exception {
		try (MisbehavingHttpServer stalling = MisbehavingHttpServer.stallingAfterHeaders()) {
			String url = stalling.url("/ca.crl");
			X509Certificate leaf = leaf((builder) -> builder.crlDistributionPoint(url));

			Assessment assessment = assess(impatient(), leaf);

			assertThat(onlyRevocationFinding(assessment).message())
				.isEqualTo("revocation status unknown: CRL " + url + ": no complete answer within 500 ms");
			assertThat(stalling.clientHungUp(Duration.ofSeconds(20))).as("the connection was closed").isTrue();
		}
	}

	@Test
	@Timeout(30)
	void ocspAnswerFarLargerThanAnyResponseIsUnknown() throws Exception {
		try (MisbehavingHttpServer huge = MisbehavingHttpServer.answering(1024 * 1024 + 1)) {
			String url = huge.url("/ocsp");
			X509Certificate leaf = leaf((builder) -> builder.ocspUrl(url));

			assertThat(onlyRevocationFinding(assess(this.engine, leaf)).message())
				.isEqualTo("revocation status unknown: OCSP " + url + ": answer larger than 1048576 bytes");
		}
	}

	@Test
	@Timeout(30)
	void crlFarLargerThanAnyCasIsUnknown() throws Exception {
		try (MisbehavingHttpServer huge = MisbehavingHttpServer.answering(20 * 1024 * 1024 + 1)) {
			String url = huge.url("/ca.crl");
			X509Certificate leaf = leaf((builder) -> builder.crlDistributionPoint(url));

			assertThat(onlyRevocationFinding(assess(this.engine, leaf)).message())
				.isEqualTo("revocation status unknown: CRL " + url + ": answer larger than 20971520 bytes");
		}
	}

	@Test
	void responseSignedByAnUnrelatedKeyIsUnknownNotGood() {
		IssuedCertificate stranger = CertificateGenerator.root("CN=Revocation Test CA");
		this.responder.ocsp(CertificateStatus.GOOD, stranger, stranger.certificate());
		X509Certificate leaf = leaf((builder) -> builder.ocspUrl(this.responder.ocspUrl()));

		Assessment assessment = assess(this.engine, leaf);

		assertThat(onlyRevocationFinding(assessment).message()).isEqualTo("revocation status unknown: OCSP "
				+ this.responder.ocspUrl()
				+ ": bad signature: the response is signed by neither the issuer nor a responder it delegated to");
	}

	@Test
	void responderTheIssuerDelegatedToIsBelieved() {
		IssuedCertificate delegate = CertificateGenerator.certificate("CN=Revocation Test OCSP Responder")
			.issuedBy(ISSUER)
			.extendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning)
			.build();
		Instant revokedAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
		this.responder.ocsp(LoopbackRevocationResponder.revoked(revokedAt, CRLReason.superseded), delegate,
				delegate.certificate());
		X509Certificate leaf = leaf((builder) -> builder.ocspUrl(this.responder.ocspUrl()));

		assertThat(ids(assess(this.engine, leaf))).containsExactly("CRIT_CERT_REVOKED");
	}

	@Test
	void delegateWithoutOcspSigningIsNotBelieved() {
		IssuedCertificate server = CertificateGenerator.server("other.example.test", ISSUER, 90);
		this.responder.ocsp(CertificateStatus.GOOD, server, server.certificate());
		X509Certificate leaf = leaf((builder) -> builder.ocspUrl(this.responder.ocspUrl()));

		assertThat(ids(assess(this.engine, leaf))).containsExactly("WARN_REVOCATION_UNKNOWN");
	}

	@Test
	void certificateWithoutResponderOrDistributionPointIsUnknown() {
		X509Certificate leaf = leaf(UnaryOperator.identity());

		assertThat(onlyRevocationFinding(assess(this.engine, leaf)).message())
			.isEqualTo("revocation status unknown: no OCSP responder or CRL distribution point");
	}

	@Test
	void serialListedOnTheCrlIsRevoked() throws Exception {
		X509Certificate leaf = leaf((builder) -> builder.crlDistributionPoint(this.responder.crlUrl()));
		Instant revokedAt = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
		this.responder.crl(LoopbackRevocationResponder.crlRevoking(ISSUER, leaf.getSerialNumber(), revokedAt));

		Finding finding = onlyRevocationFinding(assess(this.engine, leaf));

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_REVOKED");
		assertThat(finding.message()).isEqualTo(
				"revoked on " + revokedAt + " (reason: keyCompromise, according to CRL " + this.responder.crlUrl() + ")");
	}

	@Test
	void crlNotListingTheSerialIsGood() throws Exception {
		X509Certificate leaf = leaf((builder) -> builder.crlDistributionPoint(this.responder.crlUrl()));
		BigInteger another = leaf.getSerialNumber().add(BigInteger.ONE);
		this.responder.crl(LoopbackRevocationResponder.crlRevoking(ISSUER, another, Instant.now()));

		assertThat(assess(this.engine, leaf).findings()).isEmpty();
	}

	@Test
	void crlSignedByAnotherKeyIsUnknown() throws Exception {
		IssuedCertificate impostor = CertificateGenerator.root("CN=Revocation Test CA");
		X509Certificate leaf = leaf((builder) -> builder.crlDistributionPoint(this.responder.crlUrl()));
		this.responder.crl(LoopbackRevocationResponder.crlRevoking(impostor, BigInteger.TEN, Instant.now()));

		assertThat(onlyRevocationFinding(assess(this.engine, leaf)).message()).isEqualTo("revocation status unknown: CRL "
				+ this.responder.crlUrl() + ": bad signature: the CRL does not verify with the issuer's key");
	}

	@Test
	void failedOcspFallsBackToTheCrl() throws Exception {
		String closed = "http://127.0.0.1:" + closedPort() + "/ocsp";
		X509Certificate leaf = leaf(
				(builder) -> builder.ocspUrl(closed).crlDistributionPoint(this.responder.crlUrl()));
		this.responder.crl(LoopbackRevocationResponder.crlRevoking(ISSUER, leaf.getSerialNumber(), Instant.now()));

		assertThat(ids(assess(this.engine, leaf))).containsExactly("CRIT_CERT_REVOKED");
	}

	@Test
	void leafNamingManyRespondersCostsAtMostThreeRequestsOfEachKind() {
		X509Certificate leaf = leaf((builder) -> {
			for (int i = 0; i < 10; i++) {
				builder.ocspUrl(this.responder.ocspUrl() + "?" + i).crlDistributionPoint(this.responder.crlUrl() + "?" + i);
			}
			return builder;
		});

		Finding finding = onlyRevocationFinding(assess(this.engine, leaf));

		assertThat(this.responder.requests()).isEqualTo(6);
		assertThat(finding.message()).startsWith("revocation status unknown: OCSP " + this.responder.ocspUrl() + "?0: ")
			.endsWith("; CRL " + this.responder.crlUrl() + "?2: HTTP status 404; 14 more responders and CRLs not asked");
	}

	@Test
	void disabledCheckingMakesNoRequestAndNoFinding() {
		AnalysisEngine byDefault = new AnalysisEngine(Thresholds.DEFAULTS, TrustAnchors.of(Set.of(ROOT.certificate())));
		this.responder.ocsp(LoopbackRevocationResponder.revoked(Instant.now(), CRLReason.keyCompromise), ISSUER);
		X509Certificate leaf = leaf((builder) -> builder.ocspUrl(this.responder.ocspUrl())
			.crlDistributionPoint(this.responder.crlUrl()));

		Assessment assessment = assess(byDefault, leaf);

		assertThat(assessment.findings()).isEmpty();
		assertThat(this.responder.requests()).isZero();
	}

	private static AnalysisEngine impatient() {
		return new AnalysisEngine(Thresholds.DEFAULTS, TrustAnchors.of(Set.of(ROOT.certificate())),
				new RevocationChecker(Duration.ofMillis(500)));
	}

	private static X509Certificate leaf(UnaryOperator<CertificateGenerator> extensions) {
		return extensions.apply(CertificateGenerator.certificate("CN=" + HOST).issuedBy(ISSUER).dnsNames(HOST))
			.build()
			.certificate();
	}

	private static Assessment assess(AnalysisEngine engine, X509Certificate leaf) {
		ProbeResult probe = new ProbeResult("127.0.0.1", ProbeOutcome.FETCHED, null,
				List.of(leaf, ISSUER.certificate()), "TLSv1.3", "TLS_AES_128_GCM_SHA256",
				Instant.now(), 5);
		return engine.assess(HOST, probe, Instant.now());
	}

	private static Finding onlyRevocationFinding(Assessment assessment) {
		assertThat(assessment.findings()).singleElement()
			.satisfies((finding) -> assertThat(finding.ruleId().value()).isIn(REVOCATION_RULES));
		return assessment.findings().get(0);
	}

	private static List<String> ids(Assessment assessment) {
		return assessment.findings().stream().map((finding) -> finding.ruleId().value()).toList();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
