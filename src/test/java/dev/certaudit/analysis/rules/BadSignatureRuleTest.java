package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

class BadSignatureRuleTest {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	/** The CA re-keyed its intermediate under the same name; servers may still send the old one. */
	private static final IssuedCertificate OLD_INTERMEDIATE = CertificateGenerator.intermediate("CN=Test Issuing CA",
			ROOT);

	private static final IssuedCertificate NEW_INTERMEDIATE = CertificateGenerator.intermediate("CN=Test Issuing CA",
			ROOT);

	private static final X509Certificate LEAF = CertificateGenerator.server(Evidences.HOST, NEW_INTERMEDIATE, 200)
		.certificate();

	private final BadSignatureRule rule = new BadSignatureRule();

	@Test
	void leafSentWithAnIntermediateOfTheSameNameButAnotherKeyHasABadSignature() {
		Finding finding = this.rule.evaluate(Evidences.presented(LEAF, OLD_INTERMEDIATE.certificate())).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CHAIN_BAD_SIGNATURE");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo(
				"the signature of CN=www.example.test does not verify with the key of its issuer CN=Test Issuing CA");
	}

	@Test
	void intermediateWhoseNamedIssuerHasAnotherKeyHasABadSignature() {
		IssuedCertificate impostorRoot = CertificateGenerator.root("CN=Test Root");

		assertThat(this.rule.evaluate(
				Evidences.presented(LEAF, NEW_INTERMEDIATE.certificate(), impostorRoot.certificate())))
			.hasValueSatisfying((finding) -> assertThat(finding.message()).isEqualTo(
					"the signature of CN=Test Issuing CA does not verify with the key of its issuer CN=Test Root"));
	}

	@Test
	void leafSentWithItsOwnIntermediatePasses() {
		assertThat(this.rule.evaluate(
				Evidences.presented(LEAF, NEW_INTERMEDIATE.certificate(), ROOT.certificate())))
			.isEmpty();
	}

	@Test
	void intermediateSentBesideItsRekeyedTwinPasses() {
		assertThat(this.rule.evaluate(
				Evidences.presented(LEAF, OLD_INTERMEDIATE.certificate(), NEW_INTERMEDIATE.certificate())))
			.isEmpty();
	}

	@Test
	void md5SignedLeafIsWeakButNotBadlySigned() {
		IssuedCertificate rsaIntermediate = CertificateGenerator.certificate("CN=RSA Issuing CA")
			.issuedBy(ROOT)
			.certificateAuthority()
			.keyPair(CertificateGenerator.rsaKeyPair(2048))
			.build();
		X509Certificate md5Leaf = CertificateGenerator.certificate("CN=" + Evidences.HOST)
			.issuedBy(rsaIntermediate)
			.dnsNames(Evidences.HOST)
			.signatureAlgorithm("MD5withRSA")
			.build()
			.certificate();

		assertThat(this.rule.evaluate(Evidences.presented(md5Leaf, rsaIntermediate.certificate()))).isEmpty();
	}

}
