package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidator;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class ExtraCertificatesRuleTest {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	private static final IssuedCertificate INTERMEDIATE = CertificateGenerator.intermediate("CN=Test Issuing CA",
			ROOT);

	private static final IssuedCertificate OTHER_INTERMEDIATE = CertificateGenerator
		.intermediate("CN=Retired Issuing CA", ROOT);

	private static final X509Certificate LEAF = CertificateGenerator.server(Evidences.HOST, INTERMEDIATE, 200)
		.certificate();

	private final ExtraCertificatesRule rule = new ExtraCertificatesRule();

	private final ChainValidator validator = new ChainValidator(TrustAnchors.of(Set.of(ROOT.certificate())));

	@Test
	void retiredIntermediateSentBesideTheChainIsExtra() {
		Finding finding = this.rule
			.evaluate(evidence(LEAF, INTERMEDIATE.certificate(), OTHER_INTERMEDIATE.certificate()))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_CHAIN_EXTRA_CERTIFICATES");
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.message())
			.isEqualTo("the server sends 1 certificate not on the path to the root: CN=Retired Issuing CA");
	}

	@Test
	void anotherSitesLeafSentInTheChainIsExtra() {
		X509Certificate otherLeaf = CertificateGenerator.server("mail.example.test", INTERMEDIATE, 100).certificate();

		assertThat(this.rule.evaluate(evidence(LEAF, INTERMEDIATE.certificate(), otherLeaf, ROOT.certificate())))
			.hasValueSatisfying((finding) -> assertThat(finding.message())
				.isEqualTo("the server sends 1 certificate not on the path to the root: CN=mail.example.test"));
	}

	@Test
	void pathWithItsRootHasNoExtras() {
		assertThat(this.rule.evaluate(evidence(LEAF, INTERMEDIATE.certificate(), ROOT.certificate()))).isEmpty();
	}

	@Test
	void chainMissingAnIntermediateIsLeftToTheMissingIntermediateRule() {
		assertThat(this.rule.evaluate(evidence(LEAF, ROOT.certificate()))).isEmpty();
	}

	private Evidence evidence(X509Certificate... chain) {
		Instant now = Instant.now();
		return new Evidence(Evidences.HOST, ProbeOutcome.FETCHED, null, List.of(chain),
				this.validator.validate(List.of(chain), now), now);
	}

}
