package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.revocation.RevocationStatus;
import dev.certaudit.probe.Handshake;
import dev.certaudit.probe.ProbeOutcome;

import static dev.certaudit.analysis.rules.Evidences.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class CertificateRevokedRuleTest {

	private final CertificateRevokedRule rule = new CertificateRevokedRule();

	private final X509Certificate leaf = Evidences.leaf(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));

	@Test
	void revokedLeafIsCriticalWithDateAndReason() {
		RevocationStatus revoked = new RevocationStatus.Revoked(Instant.parse("2026-05-20T10:15:00Z"), "keyCompromise",
				"OCSP http://ocsp.example.test");

		Finding finding = this.rule.evaluate(Evidences.revocation(this.leaf, revoked)).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_REVOKED");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo(
				"revoked on 2026-05-20T10:15:00Z (reason: keyCompromise, according to OCSP http://ocsp.example.test)");
		assertThat(finding.remediation()).isEqualTo(this.rule.metadata().remediation());
	}

	@Test
	void revokedInTheServersOwnStapleIsCriticalWithoutRevocationChecking() {
		RevocationStatus stapled = new RevocationStatus.Revoked(Instant.parse("2026-05-19T08:00:00Z"), "keyCompromise",
				"stapled OCSP response");
		Handshake handshake = new Handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256");

		Finding finding = this.rule
			.evaluate(Evidences.fetched(this.leaf, ChainValidation.TRUSTED).withHandshake(handshake, stapled))
			.orElseThrow();

		assertThat(finding.message()).isEqualTo(
				"revoked on 2026-05-19T08:00:00Z (reason: keyCompromise, according to stapled OCSP response)");
	}

	@Test
	void leafTheIssuerCallsGoodPasses() {
		RevocationStatus good = new RevocationStatus.Good("CRL http://crl.example.test/ca.crl");

		assertThat(this.rule.evaluate(Evidences.revocation(this.leaf, good))).isEmpty();
	}

	@Test
	void unknownStatusIsNotARevocation() {
		RevocationStatus unknown = new RevocationStatus.Unknown("no complete answer within 5000 ms");

		assertThat(this.rule.evaluate(Evidences.revocation(this.leaf, unknown))).isEmpty();
	}

	@Test
	void leafIsNotJudgedWhenCheckingIsOff() {
		assertThat(this.rule.evaluate(Evidences.revocation(this.leaf, null))).isEmpty();
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.REFUSED, "Connection refused"))).isEmpty();
	}

}
