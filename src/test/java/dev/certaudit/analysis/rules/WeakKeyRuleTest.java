package dev.certaudit.analysis.rules;

import java.security.KeyPair;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

class WeakKeyRuleTest {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	private static final IssuedCertificate INTERMEDIATE = CertificateGenerator.intermediate("CN=Test Issuing CA",
			ROOT);

	private final WeakKeyRule rule = new WeakKeyRule();

	@Test
	void rsa1024LeafIsWeak() {
		X509Certificate leaf = leaf(INTERMEDIATE, CertificateGenerator.rsaKeyPair(1024));

		Finding finding = this.rule.evaluate(Evidences.presented(leaf, INTERMEDIATE.certificate())).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_KEY_WEAK");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo("CN=www.example.test has a 1024-bit RSA key");
	}

	@Test
	void rsa1024IntermediateIsWeak() {
		IssuedCertificate weakIntermediate = CertificateGenerator.certificate("CN=Weak Issuing CA")
			.issuedBy(ROOT)
			.certificateAuthority()
			.keyPair(CertificateGenerator.rsaKeyPair(1024))
			.build();

		assertThat(this.rule.evaluate(Evidences.presented(leaf(weakIntermediate, CertificateGenerator.ecKeyPair()),
				weakIntermediate.certificate(), ROOT.certificate())))
			.hasValueSatisfying((finding) -> assertThat(finding.message())
				.isEqualTo("CN=Weak Issuing CA has a 1024-bit RSA key"));
	}

	@Test
	void dsaLeafIsWeak() {
		X509Certificate leaf = leaf(INTERMEDIATE, CertificateGenerator.dsaKeyPair(2048));

		assertThat(this.rule.evaluate(Evidences.presented(leaf, INTERMEDIATE.certificate())))
			.hasValueSatisfying((finding) -> assertThat(finding.message())
				.isEqualTo("CN=www.example.test has a DSA key"));
	}

	@Test
	void rsa2048AndEcP256Pass() {
		X509Certificate rsaLeaf = leaf(INTERMEDIATE, CertificateGenerator.rsaKeyPair(2048));
		X509Certificate ecLeaf = leaf(INTERMEDIATE, CertificateGenerator.ecKeyPair());

		assertThat(this.rule.evaluate(Evidences.presented(rsaLeaf, INTERMEDIATE.certificate()))).isEmpty();
		assertThat(this.rule.evaluate(Evidences.presented(ecLeaf, INTERMEDIATE.certificate()))).isEmpty();
	}

	@Test
	void weakKeyOfASentRootIsLeftToTheClientsTrustStore() {
		IssuedCertificate weakRoot = CertificateGenerator.certificate("CN=Weak Root")
			.certificateAuthority()
			.keyPair(CertificateGenerator.rsaKeyPair(1024))
			.build();
		IssuedCertificate intermediate = CertificateGenerator.intermediate("CN=Strong Issuing CA", weakRoot);

		assertThat(this.rule.evaluate(Evidences.presented(leaf(intermediate, CertificateGenerator.ecKeyPair()),
				intermediate.certificate(), weakRoot.certificate())))
			.isEmpty();
	}

	private static X509Certificate leaf(IssuedCertificate issuer, KeyPair keys) {
		return Evidences.leaf(issuer, (leaf) -> leaf.keyPair(keys));
	}

}
