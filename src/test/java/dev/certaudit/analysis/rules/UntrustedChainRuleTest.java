package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainProblem;
import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.ChainValidator;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class UntrustedChainRuleTest {

	private static final IssuedCertificate TRUSTED_ROOT = CertificateGenerator.root("CN=Trusted Root");

	private final UntrustedChainRule rule = new UntrustedChainRule();

	private final ChainValidator validator = new ChainValidator(TrustAnchors.of(Set.of(TRUSTED_ROOT.certificate())));

	@Test
	void chainEndingAtAnUntrustedRootSentByTheServerIsCritical() {
		IssuedCertificate rogueRoot = CertificateGenerator.root("CN=Rogue Root");
		IssuedCertificate rogueIntermediate = CertificateGenerator.intermediate("CN=Rogue Issuing CA", rogueRoot);

		Finding finding = this.rule
			.evaluate(evidence(List.of(leafIssuedBy(rogueIntermediate), rogueIntermediate.certificate(),
					rogueRoot.certificate())))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CHAIN_UNTRUSTED");
		assertThat(finding.message()).isEqualTo("chain ends at root CN=Rogue Root, which is not trusted");
	}

	@Test
	void chainUpToAnIssuingCaWhoseRootNobodyTrustsNamesThatRootAndBothRemedies() {
		IssuedCertificate privateRoot = CertificateGenerator.root("CN=Corp Private Root");
		IssuedCertificate issuing = CertificateGenerator.intermediate("CN=Corp Issuing CA", privateRoot);

		Finding finding = this.rule.evaluate(evidence(List.of(leafIssuedBy(issuing), issuing.certificate())))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CHAIN_UNTRUSTED");
		assertThat(finding.message()).isEqualTo("the server sent the chain up to CN=Corp Issuing CA, whose issuer"
				+ " CN=Corp Private Root is neither sent nor trusted: for a private CA, add its root to the audit's trust"
				+ " (cert-audit.trust.extra-store) and to the clients; for a public CA, the chain is incomplete above"
				+ " CN=Corp Issuing CA");
	}

	@Test
	void nameConstraintsThatExcludeTheLeafAreNamedWithTheCaThatSetThem() {
		IssuedCertificate constrained = CertificateGenerator.certificate("CN=Constrained Issuing CA")
			.issuedBy(TRUSTED_ROOT)
			.certificateAuthority()
			.excludedDnsNames("www.example.test")
			.build();

		Finding finding = this.rule.evaluate(evidence(List.of(leafIssuedBy(constrained), constrained.certificate())))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CHAIN_UNTRUSTED");
		assertThat(finding.message()).startsWith("chain does not validate: CN=www.example.test is outside the names"
				+ " CN=Constrained Issuing CA may issue for (name constraints) (PKIX: ");
	}

	@Test
	void chainEndingAtATrustedRootPasses() {
		IssuedCertificate intermediate = CertificateGenerator.intermediate("CN=Issuing CA", TRUSTED_ROOT);

		assertThat(this.rule.evaluate(evidence(List.of(leafIssuedBy(intermediate), intermediate.certificate(),
				TRUSTED_ROOT.certificate()))))
			.isEmpty();
	}

	@Test
	void anyOtherPkixFailureIsReportedWithItsReason() {
		X509Certificate leaf = leafIssuedBy(CertificateGenerator.intermediate("CN=Issuing CA", TRUSTED_ROOT));
		Evidence evidence = new Evidence("www.example.test", ProbeOutcome.FETCHED, null, List.of(leaf),
				new ChainValidation(false, ChainProblem.OTHER, "validity check failed"), Instant.now());

		assertThat(this.rule.evaluate(evidence)).hasValueSatisfying((finding) -> assertThat(finding.message())
			.isEqualTo("chain does not validate: validity check failed"));
	}

	@Test
	void selfSignedLeafAndMissingIntermediateAreLeftToTheirOwnRules() {
		X509Certificate leaf = leafIssuedBy(CertificateGenerator.intermediate("CN=Issuing CA", TRUSTED_ROOT));

		for (ChainProblem problem : List.of(ChainProblem.SELF_SIGNED_LEAF, ChainProblem.MISSING_INTERMEDIATE)) {
			Evidence evidence = new Evidence("www.example.test", ProbeOutcome.FETCHED, null, List.of(leaf),
					new ChainValidation(false, problem, "CN=Somebody"), Instant.now());
			assertThat(this.rule.evaluate(evidence)).as(problem.name()).isEmpty();
		}
	}

	private static X509Certificate leafIssuedBy(IssuedCertificate issuer) {
		return CertificateGenerator.certificate("CN=www.example.test")
			.issuedBy(issuer)
			.dnsNames("www.example.test")
			.build()
			.certificate();
	}

	private Evidence evidence(List<X509Certificate> chain) {
		Instant now = Instant.now();
		return new Evidence("www.example.test", ProbeOutcome.FETCHED, null, chain, this.validator.validate(chain, now),
				now);
	}

}
