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

class IntermediateExpiresBeforeLeafRuleTest {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	private final IntermediateExpiresBeforeLeafRule rule = new IntermediateExpiresBeforeLeafRule();

	@Test
	void intermediateExpiringBeforeTheLeafIsAWarning() {
		Instant intermediateNotAfter = NOW.plus(Duration.ofDays(100));
		Instant leafNotAfter = NOW.plus(Duration.ofDays(300));
		IssuedCertificate intermediate = intermediateUntil(intermediateNotAfter);

		Finding finding = this.rule
			.evaluate(Evidences.presented(leafUntil(intermediate, leafNotAfter), intermediate.certificate(),
					ROOT.certificate()))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_CHAIN_INTERMEDIATE_EXPIRES_BEFORE_LEAF");
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.message()).isEqualTo("intermediate CN=Short Issuing CA expires on " + intermediateNotAfter
				+ ", before the leaf (" + leafNotAfter + ")");
	}

	@Test
	void intermediateOutlivingTheLeafPasses() {
		IssuedCertificate intermediate = intermediateUntil(NOW.plus(Duration.ofDays(400)));

		assertThat(this.rule.evaluate(Evidences.presented(leafUntil(intermediate, NOW.plus(Duration.ofDays(300))),
				intermediate.certificate())))
			.isEmpty();
	}

	@Test
	void alreadyExpiredIntermediateIsLeftToTheExpiredIntermediateRule() {
		IssuedCertificate intermediate = intermediateUntil(NOW.minus(Duration.ofDays(1)));

		assertThat(this.rule.evaluate(Evidences.presented(leafUntil(intermediate, NOW.plus(Duration.ofDays(300))),
				intermediate.certificate())))
			.isEmpty();
	}

	private static IssuedCertificate intermediateUntil(Instant notAfter) {
		return CertificateGenerator.certificate("CN=Short Issuing CA")
			.issuedBy(ROOT)
			.certificateAuthority()
			.validFrom(NOW.minus(Duration.ofDays(200)))
			.validUntil(notAfter)
			.build();
	}

	private static X509Certificate leafUntil(IssuedCertificate issuer, Instant notAfter) {
		return CertificateGenerator.certificate("CN=" + Evidences.HOST)
			.issuedBy(issuer)
			.dnsNames(Evidences.HOST)
			.validFrom(NOW.minus(Duration.ofDays(30)))
			.validUntil(notAfter)
			.build()
			.certificate();
	}

}
