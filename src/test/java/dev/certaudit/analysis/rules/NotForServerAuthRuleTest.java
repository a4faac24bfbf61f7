package dev.certaudit.analysis.rules;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

class NotForServerAuthRuleTest {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	private final NotForServerAuthRule rule = new NotForServerAuthRule();

	@Test
	void clientAuthOnlyLeafIsNotForServerAuth() {
		CertificateGenerator leaf = leaf().extendedKeyUsage(KeyPurposeId.id_kp_clientAuth);

		Finding finding = this.rule.evaluate(Evidences.presented(leaf.build().certificate())).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_CERT_NOT_FOR_SERVER_AUTH");
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.message())
			.isEqualTo("CN=www.example.test has an extended key usage without serverAuth: 1.3.6.1.5.5.7.3.2");
	}

	@Test
	void keyAgreementOnlyLeafIsNotForServerAuth() {
		CertificateGenerator leaf = leaf().keyUsage(KeyUsage.keyAgreement);

		assertThat(this.rule.evaluate(Evidences.presented(leaf.build().certificate())))
			.hasValueSatisfying((finding) -> assertThat(finding.message())
				.isEqualTo("CN=www.example.test has a key usage with neither digitalSignature nor keyEncipherment"));
	}

	@Test
	void serverAuthLeafPasses() {
		assertThat(this.rule.evaluate(Evidences.presented(leaf().build().certificate()))).isEmpty();
	}

	@Test
	void anyExtendedKeyUsageAndKeyEnciphermentOnlyPass() {
		CertificateGenerator leaf = leaf().extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage)
			.keyUsage(KeyUsage.keyEncipherment);

		assertThat(this.rule.evaluate(Evidences.presented(leaf.build().certificate()))).isEmpty();
	}

	private static CertificateGenerator leaf() {
		return CertificateGenerator.certificate("CN=" + Evidences.HOST).issuedBy(ROOT).dnsNames(Evidences.HOST);
	}

}
