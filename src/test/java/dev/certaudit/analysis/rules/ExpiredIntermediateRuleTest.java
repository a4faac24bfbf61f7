package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiredIntermediateRuleTest {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	private final ExpiredIntermediateRule rule = new ExpiredIntermediateRule();

	@Test
	void expiredIntermediateIsCritical() {
		Instant notAfter = NOW.minus(Duration.ofDays(10));
		IssuedCertificate intermediate = intermediate(NOW.minus(Duration.ofDays(400)), notAfter);

		Finding finding = this.rule.evaluate(Evidences.presented(leaf(intermediate), intermediate.certificate()))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CHAIN_INTERMEDIATE_EXPIRED");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo("CA certificate CN=Old Issuing CA expired on " + notAfter);
	}

	@Test
	void intermediateNotYetValidIsCritical() {
		Instant notBefore = NOW.plus(Duration.ofDays(2));
		IssuedCertificate intermediate = intermediate(notBefore, NOW.plus(Duration.ofDays(900)));

		assertThat(this.rule.evaluate(Evidences.presented(leaf(intermediate), intermediate.certificate())))
			.hasValueSatisfying((finding) -> assertThat(finding.message())
				.isEqualTo("CA certificate CN=Old Issuing CA is not valid before " + notBefore));
	}

	@Test
	void currentIntermediateAndRootPass() {
		IssuedCertificate intermediate = intermediate(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(900)));

		assertThat(this.rule.evaluate(
				Evidences.presented(leaf(intermediate), intermediate.certificate(), ROOT.certificate())))
			.isEmpty();
	}

	private static IssuedCertificate intermediate(Instant notBefore, Instant notAfter) {
		return CertificateGenerator.certificate("CN=Old Issuing CA")
			.issuedBy(ROOT)
			.certificateAuthority()
			.validFrom(notBefore)
			.validUntil(notAfter)
			.build();
	}

	private static X509Certificate leaf(IssuedCertificate issuer) {
		return CertificateGenerator.server(Evidences.HOST, issuer, 200).certificate();
	}

}
