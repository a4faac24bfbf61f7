package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainProblem;
import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.ChainValidator;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.probe.ProbeOutcome;

import static dev.certaudit.analysis.rules.Evidences.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class SelfSignedLeafRuleTest {

	private final SelfSignedLeafRule rule = new SelfSignedLeafRule();

	private final TrustAnchors anchors = TrustAnchors
		.of(Set.of(CertificateGenerator.root("CN=Test Root").certificate()));

	@Test
	void selfSignedLeafIsCritical() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=intranet.example.test")
			.dnsNames("intranet.example.test")
			.validFrom(NOW.minusSeconds(86_400))
			.validUntil(NOW.plusSeconds(86_400 * 90))
			.build()
			.certificate();
		ChainValidation validation = new ChainValidator(this.anchors).validate(List.of(leaf), NOW);

		Finding finding = this.rule.evaluate(Evidences.fetched(leaf, validation)).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_SELF_SIGNED");
		assertThat(finding.message()).isEqualTo("self-signed certificate CN=intranet.example.test is not trusted");
	}

	@Test
	void selfSignedLeafThatIsTrustedPasses() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=intranet.example.test")
			.validFrom(NOW.minusSeconds(86_400))
			.validUntil(NOW.plusSeconds(86_400 * 90))
			.build()
			.certificate();
		ChainValidation validation = new ChainValidator(TrustAnchors.of(Set.of(leaf))).validate(List.of(leaf), NOW);

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, validation))).isEmpty();
	}

	@Test
	void untrustedRootIsNotAReasonToCallTheLeafSelfSigned() {
		X509Certificate leaf = Evidences.leaf(NOW.minusSeconds(86_400), NOW.plusSeconds(86_400 * 90));
		ChainValidation validation = new ChainValidation(false, ChainProblem.UNTRUSTED_ROOT, "CN=Rogue Root");

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, validation))).isEmpty();
	}

	@Test
	void doesNotApplyWithoutAChain() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.NOT_TLS, "plaintext"))).isEmpty();
	}

}
