package dev.certaudit.analysis;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.revocation.StapledResponses;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;
import dev.certaudit.probe.Handshake;
import dev.certaudit.probe.KeyExchange;
import dev.certaudit.probe.ProbeOutcome;
import dev.certaudit.probe.ProbeResult;
import dev.certaudit.probe.ProbedTarget;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisEngineTest {

	private static final String HOST = "www.example.test";

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	private static final IssuedCertificate INTERMEDIATE = CertificateGenerator
		.intermediate("CN=Test Issuing CA", ROOT);

	private final AnalysisEngine engine = new AnalysisEngine(Thresholds.DEFAULTS,
			TrustAnchors.of(Set.of(ROOT.certificate())));

	/**
	 * An endpoint's findings come out in this order, by severity and then as listed before the rules
	 * declared their order, so exports list them as they always have.
	 */
	@Test
	void runsEveryRuleOnceListedBySeverityInTheirDeclaredOrder() {
		assertThat(this.engine.rules()).extracting((rule) -> rule.metadata().id().value())
			.containsExactly("ERROR_ENDPOINT_UNREACHABLE", "CRIT_TLS_HANDSHAKE_FAILED", "CRIT_TLS_PROTOCOL_LEGACY", "CRIT_CERT_UNPARSEABLE", "CRIT_CERT_EXPIRED",
					"CRIT_CERT_NOT_YET_VALID", "CRIT_CERT_EXPIRING", "CRIT_HOSTNAME_MISMATCH", "CRIT_CERT_NO_SUBJECT_ALT_NAME",
					"CRIT_CERT_SELF_SIGNED",
					"CRIT_CHAIN_MISSING_INTERMEDIATE", "CRIT_CHAIN_UNTRUSTED", "CRIT_CHAIN_INTERMEDIATE_EXPIRED",
					"CRIT_CHAIN_BAD_SIGNATURE", "CRIT_KEY_WEAK", "CRIT_SIGNATURE_WEAK", "CRIT_CERT_FILE_UNREADABLE",
					"CRIT_FILE_KEY_MISMATCH", "CRIT_CERT_REVOKED",
					"WARN_DNS_ANSWER_INCOMPLETE", "WARN_CERT_EXPIRING",
					"WARN_CHAIN_INTERMEDIATE_EXPIRES_BEFORE_LEAF", "WARN_CHAIN_OUT_OF_ORDER",
					"WARN_CHAIN_EXTRA_CERTIFICATES", "WARN_CERT_NOT_FOR_SERVER_AUTH", "WARN_REVOCATION_UNKNOWN",
					"WARN_TLS_CIPHER_WEAK", "WARN_TLS_DH_GROUP_WEAK", "WARN_OCSP_STAPLE_INVALID", "INFO_CHAIN_ROOT_SENT",
					"INFO_CERT_VALIDITY_TOO_LONG", "INFO_CLIENT_CERTIFICATE_REQUIRED");
		assertThat(this.engine.acrossAddressesRules()).extracting((rule) -> rule.metadata().id().value())
			.containsExactly("WARN_CERT_DIFFERS_BETWEEN_ADDRESSES");
	}

	@Test
	void healthyChainIsOkWithTheLeafDescribed() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(200)).plusSeconds(5));

		Assessment assessment = assess(leaf, INTERMEDIATE.certificate());

		assertThat(assessment.status()).isEqualTo(Status.OK);
		assertThat(assessment.findings()).isEmpty();
		assertThat(assessment.daysLeft()).isEqualTo(200);
		assertThat(assessment.notBefore()).isEqualTo(NOW.minus(Duration.ofDays(30)));
		assertThat(assessment.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(200)).plusSeconds(5));
		assertThat(assessment.subject()).isEqualTo("CN=www.example.test");
		assertThat(assessment.issuer()).isEqualTo("CN=Test Issuing CA");
		assertThat(assessment.subjectAltNames()).containsExactly("www.example.test", "192.0.2.10");
		assertThat(assessment.serialNumber()).isEqualTo(leaf.getSerialNumber().toString(16));
		assertThat(assessment.sha256()).hasSize(64).isEqualTo(Certificates.sha256(leaf));
	}

	@Test
	void failedFetchIsAnErrorWithoutCertificateFields() {
		ProbeResult refused = new ProbeResult("127.0.0.1", ProbeOutcome.REFUSED, "Connection refused", List.of(), null,
				null, NOW, 3);

		Assessment assessment = this.engine.assess(HOST, refused, NOW);

		assertThat(assessment.status()).isEqualTo(Status.ERROR);
		assertThat(ids(assessment)).containsExactly("ERROR_ENDPOINT_UNREACHABLE");
		assertThat(assessment.findings().get(0).severity().status()).isEqualTo(assessment.status());
		assertThat(assessment.findings().get(0).message()).isEqualTo("connection refused");
		assertThat(assessment.daysLeft()).isNull();
		assertThat(assessment.notAfter()).isNull();
		assertThat(assessment.subject()).isNull();
		assertThat(assessment.subjectAltNames()).isEmpty();
	}

	@Test
	void plainTextServiceIsAnErrorWithAHandshakeFinding() {
		ProbeResult notTls = new ProbeResult("127.0.0.1", ProbeOutcome.NOT_TLS,
				"Unsupported or unrecognized SSL message", List.of(), null, null, NOW, 3);

		Assessment assessment = this.engine.assess(HOST, notTls, NOW);

		assertThat(assessment.status()).isEqualTo(Status.ERROR);
		assertThat(ids(assessment)).containsExactly("CRIT_TLS_HANDSHAKE_FAILED");
	}

	@Test
	void expiredLeafIsExpiredWithOnlyTheExpiryFinding() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(12)));

		Assessment assessment = assess(leaf, INTERMEDIATE.certificate());

		assertThat(assessment.status()).isEqualTo(Status.EXPIRED);
		assertThat(ids(assessment)).containsExactly("CRIT_CERT_EXPIRED");
		assertThat(assessment.daysLeft()).isEqualTo(-12);
	}

	/** One rule for whole days ({@link DaysLeft}): the finding counts the days the Days left column counts. */
	@Test
	void expiredFindingCountsTheDaysTheDaysLeftColumnCounts() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(100)),
				NOW.minus(Duration.ofDays(11)).minus(Duration.ofHours(12)));

		Assessment assessment = assess(leaf, INTERMEDIATE.certificate());

		assertThat(assessment.daysLeft()).isEqualTo(-12);
		assertThat(assessment.findings().getFirst().message()).endsWith(" (12 days ago)");
		assertThat(DaysLeft.inWords(assessment.daysLeft())).isEqualTo("expired 12 days ago");
	}

	@Test
	void expiredLeafThatAlsoHasOtherDefectsIsStillExpired() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(1)));

		Assessment assessment = this.engine.assess("other.example.test", fetched(leaf), NOW);

		assertThat(assessment.status()).isEqualTo(Status.EXPIRED);
		assertThat(ids(assessment)).containsExactlyInAnyOrder("CRIT_CERT_EXPIRED", "CRIT_HOSTNAME_MISMATCH",
				"CRIT_CHAIN_MISSING_INTERMEDIATE");
	}

	@Test
	void leafNotValidYetIsNotYetValid() {
		X509Certificate leaf = leaf(NOW.plus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(100)));

		Assessment assessment = assess(leaf, INTERMEDIATE.certificate());

		assertThat(assessment.status()).isEqualTo(Status.NOT_YET_VALID);
		assertThat(ids(assessment)).containsExactly("CRIT_CERT_NOT_YET_VALID");
		assertThat(assessment.daysLeft()).isEqualTo(100);
	}

	@Test
	void leafExpiringWithinSevenDaysIsCriticalWithoutTheWarningId() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(5)));

		Assessment assessment = assess(leaf, INTERMEDIATE.certificate());

		assertThat(assessment.status()).isEqualTo(Status.CRITICAL);
		assertThat(ids(assessment)).containsExactly("CRIT_CERT_EXPIRING");
		assertThat(assessment.daysLeft()).isEqualTo(5);
	}

	@Test
	void leafExpiringWithinThirtyDaysIsWarning() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(20)));

		Assessment assessment = assess(leaf, INTERMEDIATE.certificate());

		assertThat(assessment.status()).isEqualTo(Status.WARNING);
		assertThat(ids(assessment)).containsExactly("WARN_CERT_EXPIRING");
	}

	@Test
	void criticalFindingsComeBeforeWarningsAndDecideTheStatus() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(80)), NOW.plus(Duration.ofDays(20)));

		Assessment assessment = this.engine.assess("mail.example.test", fetched(leaf, INTERMEDIATE.certificate()), NOW);

		assertThat(assessment.status()).isEqualTo(Status.CRITICAL);
		assertThat(ids(assessment)).containsExactly("CRIT_HOSTNAME_MISMATCH", "WARN_CERT_EXPIRING");
	}

	@Test
	void missingIntermediateIsCritical() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(300)));

		Assessment assessment = assess(leaf);

		assertThat(assessment.status()).isEqualTo(Status.CRITICAL);
		assertThat(ids(assessment)).containsExactly("CRIT_CHAIN_MISSING_INTERMEDIATE");
	}

	@Test
	void untrustedRootSentByTheServerIsCritical() {
		IssuedCertificate rogueRoot = CertificateGenerator.root("CN=Rogue Root");
		X509Certificate leaf = CertificateGenerator.certificate("CN=" + HOST)
			.issuedBy(rogueRoot)
			.dnsNames(HOST)
			.build()
			.certificate();

		Assessment assessment = assess(leaf, rogueRoot.certificate());

		assertThat(assessment.status()).isEqualTo(Status.CRITICAL);
		assertThat(ids(assessment)).containsExactly("CRIT_CHAIN_UNTRUSTED", "INFO_CHAIN_ROOT_SENT");
		assertThat(assessment.findings().get(0).message())
			.isEqualTo("chain ends at root CN=Rogue Root, which is not trusted");
	}

	@Test
	void infoFindingsLeaveAHealthyChainOk() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(400)));

		Assessment assessment = assess(leaf, INTERMEDIATE.certificate(), ROOT.certificate());

		assertThat(assessment.status()).isEqualTo(Status.OK);
		assertThat(ids(assessment)).containsExactlyInAnyOrder("INFO_CHAIN_ROOT_SENT", "INFO_CERT_VALIDITY_TOO_LONG");
	}

	@Test
	void chainSentOutOfOrderIsAWarning() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(200)));

		Assessment assessment = assess(leaf, ROOT.certificate(), INTERMEDIATE.certificate());

		assertThat(assessment.status()).isEqualTo(Status.WARNING);
		assertThat(ids(assessment)).containsExactly("WARN_CHAIN_OUT_OF_ORDER", "INFO_CHAIN_ROOT_SENT");
	}

	@Test
	void md5SignedLeafIsAWeakSignatureNotABadOne() {
		IssuedCertificate rsaIntermediate = CertificateGenerator.certificate("CN=RSA Issuing CA")
			.issuedBy(ROOT)
			.certificateAuthority()
			.keyPair(CertificateGenerator.rsaKeyPair(2048))
			.build();
		X509Certificate leaf = CertificateGenerator.certificate("CN=" + HOST)
			.issuedBy(rsaIntermediate)
			.dnsNames(HOST)
			.signatureAlgorithm("MD5withRSA")
			.build()
			.certificate();

		Assessment assessment = assess(leaf, rsaIntermediate.certificate());

		assertThat(assessment.status()).isEqualTo(Status.CRITICAL);
		assertThat(ids(assessment)).contains("CRIT_SIGNATURE_WEAK").doesNotContain("CRIT_CHAIN_BAD_SIGNATURE");
	}

	@Test
	void selfSignedLeafIsCriticalOnlyAsSelfSigned() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=" + HOST).dnsNames(HOST).build().certificate();

		Assessment assessment = assess(leaf);

		assertThat(assessment.status()).isEqualTo(Status.CRITICAL);
		assertThat(ids(assessment)).containsExactly("CRIT_CERT_SELF_SIGNED");
	}

	@Test
	void fetchWithoutAnyCertificateIsCritical() {
		ProbeResult probe = new ProbeResult("127.0.0.1", ProbeOutcome.FETCHED, null, List.of(), "TLSv1.3",
				"TLS_AES_128_GCM_SHA256", NOW, 5);

		Assessment assessment = this.engine.assess(HOST, probe, NOW);

		assertThat(assessment.status()).isEqualTo(Status.CRITICAL);
		assertThat(assessment.findings()).singleElement()
			.satisfies((finding) -> assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_UNPARSEABLE"))
			.satisfies((finding) -> assertThat(finding.message())
				.isEqualTo("certificate cannot be parsed: the server sent no certificate"));
	}

	@Test
	void certificateFileIsJudgedWithoutANameAndWithItsKey() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(200)));
		ProbeResult file = ProbeResult.file(List.of(leaf, INTERMEDIATE.certificate()), NOW, 1, false);

		Assessment assessment = this.engine.assess(null, file, NOW);

		assertThat(assessment.status()).isEqualTo(Status.CRITICAL);
		assertThat(ids(assessment)).containsExactly("CRIT_FILE_KEY_MISMATCH");
	}

	@Test
	void unreadableCertificateFileIsAnError() {
		ProbeResult file = new ProbeResult(null, ProbeOutcome.FILE_UNREADABLE, "no certificate in the file", List.of(),
				null, NOW, 1);

		Assessment assessment = this.engine.assess(null, file, NOW);

		assertThat(assessment.status()).isEqualTo(Status.ERROR);
		assertThat(ids(assessment)).containsExactly("CRIT_CERT_FILE_UNREADABLE");
	}

	@Test
	void healthyEndpointOfANameDnsAnsweredInPartIsAWarning() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(200)));
		AuditTarget target = new AuditTarget(1, 1000, 1,
				new Target(HOST, 443, Protocol.TLS, "192.0.2.10", Map.of(), "hosts.txt:1"), null,
				"AAAA lookup failed: REFUSED");
		ProbedTarget probed = new ProbedTarget(target, fetched(leaf, INTERMEDIATE.certificate()));

		AssessedTarget assessed = this.engine.assess(probed, NOW);

		assertThat(assessed.assessment().status()).isEqualTo(Status.WARNING);
		assertThat(assessed.assessment().findings()).singleElement()
			.satisfies((finding) -> assertThat(finding.ruleId().value()).isEqualTo("WARN_DNS_ANSWER_INCOMPLETE"))
			.satisfies((finding) -> assertThat(finding.message()).startsWith(HOST + ": AAAA lookup failed: REFUSED"));
	}

	@Test
	void leafExpiredAnHourAgoHasMinusOneDayLeft() {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofHours(1)));

		Assessment assessment = assess(leaf, INTERMEDIATE.certificate());

		assertThat(assessment.status()).isEqualTo(Status.EXPIRED);
		assertThat(assessment.daysLeft()).isEqualTo(-1);
	}

	@Test
	void revokedStapleIsCriticalThoughRevocationCheckingIsOff() throws Exception {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(200)));
		Instant revokedAt = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
		byte[] staple = StapledResponses.revoked(INTERMEDIATE, leaf, revokedAt, Instant.now().minus(Duration.ofHours(1)),
				Instant.now().plus(Duration.ofDays(3)));

		Assessment assessment = this.engine.assess(HOST, stapling(staple, leaf, INTERMEDIATE.certificate()), NOW);

		assertThat(assessment.findings()).filteredOn((finding) -> finding.ruleId().value().equals("CRIT_CERT_REVOKED"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message()).isEqualTo("revoked on " + revokedAt
					+ " (reason: keyCompromise, according to stapled OCSP response)"));
	}

	@Test
	void expiredStapleIsAWarning() throws Exception {
		X509Certificate leaf = leaf(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(200)));
		byte[] staple = StapledResponses.good(INTERMEDIATE, leaf, Instant.now().minus(Duration.ofDays(9)),
				Instant.now().minus(Duration.ofDays(2)));

		Assessment assessment = this.engine.assess(HOST, stapling(staple, leaf, INTERMEDIATE.certificate()), NOW);

		assertThat(ids(assessment)).containsExactly("WARN_OCSP_STAPLE_INVALID");
		assertThat(assessment.findings().get(0).message()).contains("stale response");
	}

	private static ProbeResult stapling(byte[] staple, X509Certificate... chain) {
		return new ProbeResult("127.0.0.1", ProbeOutcome.FETCHED, null, List.of(chain),
				new Handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256", new KeyExchange("x25519", 256), true, false, null,
						staple),
				NOW, 5);
	}

	private Assessment assess(X509Certificate... chain) {
		return this.engine.assess(HOST, fetched(chain), NOW);
	}

	private static ProbeResult fetched(X509Certificate... chain) {
		return new ProbeResult("127.0.0.1", ProbeOutcome.FETCHED, null,
				List.of(chain), "TLSv1.3", "TLS_AES_128_GCM_SHA256", NOW, 5);
	}

	private static List<String> ids(Assessment assessment) {
		return assessment.findings().stream().map((finding) -> finding.ruleId().value()).toList();
	}

	private static X509Certificate leaf(Instant notBefore, Instant notAfter) {
		return CertificateGenerator.certificate("CN=" + HOST)
			.issuedBy(INTERMEDIATE)
			.dnsNames(HOST)
			.ipAddresses("192.0.2.10")
			.validFrom(notBefore)
			.validUntil(notAfter)
			.build()
			.certificate();
	}

}
