package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

class WeakSignatureRuleTest {

	private static final IssuedCertificate RSA_ROOT = CertificateGenerator.certificate("CN=RSA Root")
		.certificateAuthority()
		.keyPair(CertificateGenerator.rsaKeyPair(2048))
		.build();

	private static final IssuedCertificate RSA_INTERMEDIATE = CertificateGenerator.certificate("CN=RSA Issuing CA")
		.issuedBy(RSA_ROOT)
		.certificateAuthority()
		.keyPair(CertificateGenerator.rsaKeyPair(2048))
		.build();

	private final WeakSignatureRule rule = new WeakSignatureRule();

	@Test
	void sha1SignedLeafIsWeak() {
		X509Certificate leaf = leafSignedWith(RSA_INTERMEDIATE, "SHA1withRSA");

		Finding finding = this.rule.evaluate(Evidences.presented(leaf, RSA_INTERMEDIATE.certificate())).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_SIGNATURE_WEAK");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo("CN=www.example.test is signed with SHA1withRSA");
	}

	@Test
	void md5SignedLeafIsWeak() {
		X509Certificate leaf = leafSignedWith(RSA_INTERMEDIATE, "MD5withRSA");

		assertThat(this.rule.evaluate(Evidences.presented(leaf, RSA_INTERMEDIATE.certificate())))
			.hasValueSatisfying((finding) -> assertThat(finding.message())
				.isEqualTo("CN=www.example.test is signed with MD5withRSA"));
	}

	@Test
	void sha1SignedIntermediateIsWeak() {
		IssuedCertificate sha1Intermediate = CertificateGenerator.certificate("CN=SHA-1 Issuing CA")
			.issuedBy(RSA_ROOT)
			.certificateAuthority()
			.signatureAlgorithm("SHA1withRSA")
			.build();

		assertThat(this.rule.evaluate(Evidences.presented(leafSignedWith(sha1Intermediate, "SHA256withECDSA"),
				sha1Intermediate.certificate(), RSA_ROOT.certificate())))
			.hasValueSatisfying((finding) -> assertThat(finding.message())
				.isEqualTo("CN=SHA-1 Issuing CA is signed with SHA1withRSA"));
	}

	@Test
	void sha1SelfSignatureOfASentRootIsNotJudged() {
		IssuedCertificate sha1Root = CertificateGenerator.certificate("CN=Old Root")
			.certificateAuthority()
			.keyPair(CertificateGenerator.rsaKeyPair(2048))
			.signatureAlgorithm("SHA1withRSA")
			.build();
		IssuedCertificate intermediate = CertificateGenerator.intermediate("CN=Modern Issuing CA", sha1Root);

		assertThat(this.rule.evaluate(Evidences.presented(leafSignedWith(intermediate, "SHA256withECDSA"),
				intermediate.certificate(), sha1Root.certificate())))
			.isEmpty();
	}

	@Test
	void sha256SignedChainPasses() {
		assertThat(this.rule.evaluate(Evidences.presented(leafSignedWith(RSA_INTERMEDIATE, "SHA256withRSA"),
				RSA_INTERMEDIATE.certificate(), RSA_ROOT.certificate())))
			.isEmpty();
	}

	private static X509Certificate leafSignedWith(IssuedCertificate issuer, String algorithm) {
		return Evidences.leaf(issuer, (leaf) -> leaf.signatureAlgorithm(algorithm));
	}

}
