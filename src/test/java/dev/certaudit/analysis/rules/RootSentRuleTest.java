package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

class RootSentRuleTest {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	private static final IssuedCertificate INTERMEDIATE = CertificateGenerator.intermediate("CN=Test Issuing CA",
			ROOT);

	private static final X509Certificate LEAF = CertificateGenerator.server(Evidences.HOST, INTERMEDIATE, 200)
		.certificate();

	private final RootSentRule rule = new RootSentRule();

	@Test
	void selfSignedRootSentByTheServerIsInfo() {
		Finding finding = this.rule
			.evaluate(Evidences.presented(LEAF, INTERMEDIATE.certificate(), ROOT.certificate()))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("INFO_CHAIN_ROOT_SENT");
		assertThat(finding.severity()).isEqualTo(Severity.INFO);
		assertThat(finding.message()).isEqualTo("the server sends root CN=Test Root");
	}

	@Test
	void chainEndingAtTheIntermediatePasses() {
		assertThat(this.rule.evaluate(Evidences.presented(LEAF, INTERMEDIATE.certificate()))).isEmpty();
	}

	@Test
	void selfSignedLeafAloneIsNotARootSent() {
		X509Certificate selfSigned = CertificateGenerator.certificate("CN=" + Evidences.HOST)
			.dnsNames(Evidences.HOST)
			.build()
			.certificate();

		assertThat(this.rule.evaluate(Evidences.presented(selfSigned))).isEmpty();
	}

}
