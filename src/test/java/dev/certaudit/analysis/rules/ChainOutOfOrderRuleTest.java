package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

class ChainOutOfOrderRuleTest {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	private static final IssuedCertificate POLICY_CA = CertificateGenerator.intermediate("CN=Test Policy CA", ROOT);

	private static final IssuedCertificate ISSUING_CA = CertificateGenerator.intermediate("CN=Test Issuing CA",
			POLICY_CA);

	private static final X509Certificate LEAF = CertificateGenerator.server(Evidences.HOST, ISSUING_CA, 200)
		.certificate();

	private final ChainOutOfOrderRule rule = new ChainOutOfOrderRule();

	@Test
	void intermediatesSentInReverseAreOutOfOrder() {
		Finding finding = this.rule
			.evaluate(Evidences.presented(LEAF, POLICY_CA.certificate(), ISSUING_CA.certificate()))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_CHAIN_OUT_OF_ORDER");
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.message()).isEqualTo("sent as [CN=www.example.test | CN=Test Policy CA | CN=Test Issuing CA]"
				+ " instead of [CN=www.example.test | CN=Test Issuing CA | CN=Test Policy CA]");
	}

	@Test
	void rootSentBeforeTheIntermediatesIsOutOfOrder() {
		assertThat(this.rule.evaluate(Evidences.presented(LEAF, ROOT.certificate(), ISSUING_CA.certificate(),
				POLICY_CA.certificate())))
			.isPresent();
	}

	@Test
	void chainSentInOrderPasses() {
		assertThat(this.rule.evaluate(Evidences.presented(LEAF, ISSUING_CA.certificate(), POLICY_CA.certificate(),
				ROOT.certificate())))
			.isEmpty();
		assertThat(this.rule.evaluate(Evidences.presented(LEAF, ISSUING_CA.certificate(), POLICY_CA.certificate())))
			.isEmpty();
	}

	@Test
	void chainMissingTheLeafsIssuerIsNotCalledOutOfOrder() {
		assertThat(this.rule.evaluate(Evidences.presented(LEAF, ROOT.certificate(), POLICY_CA.certificate())))
			.isEmpty();
	}

}
