package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidator;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class MissingIntermediateRuleTest {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	private static final IssuedCertificate INTERMEDIATE = CertificateGenerator
		.intermediate("CN=Test Issuing CA", ROOT);

	private static final X509Certificate LEAF = CertificateGenerator.certificate("CN=shop.example.test")
		.issuedBy(INTERMEDIATE)
		.dnsNames("shop.example.test")
		.build()
		.certificate();

	private final MissingIntermediateRule rule = new MissingIntermediateRule();

	private final ChainValidator validator = new ChainValidator(TrustAnchors.of(Set.of(ROOT.certificate())));

	@Test
	void leafSentWithoutItsIntermediateIsCritical() {
		Finding finding = this.rule.evaluate(evidence(List.of(LEAF))).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CHAIN_MISSING_INTERMEDIATE");
		assertThat(finding.message())
			.isEqualTo("the server did not send the certificate of issuer CN=Test Issuing CA");
	}

	@Test
	void leafSentWithItsIntermediatePasses() {
		assertThat(this.rule.evaluate(evidence(List.of(LEAF, INTERMEDIATE.certificate())))).isEmpty();
	}

	@Test
	void doesNotApplyWithoutAChain() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.REFUSED, "Connection refused"))).isEmpty();
	}

	private Evidence evidence(List<X509Certificate> chain) {
		Instant now = Instant.now();
		return new Evidence("shop.example.test", ProbeOutcome.FETCHED, null, chain, this.validator.validate(chain, now),
				now);
	}

}
