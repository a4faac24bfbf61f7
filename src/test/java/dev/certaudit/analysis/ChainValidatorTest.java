package dev.certaudit.analysis;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

class ChainValidatorTest {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Test Root");

	private static final IssuedCertificate INTERMEDIATE = CertificateGenerator
		.intermediate("CN=Test Issuing CA", ROOT);

	private static final X509Certificate LEAF = leaf(INTERMEDIATE, NOW.minus(Duration.ofDays(30)),
			NOW.plus(Duration.ofDays(300)));

	private final ChainValidator validator = new ChainValidator(TrustAnchors.of(Set.of(ROOT.certificate())));

	@Test
	void fullChainToATrustedRootIsTrusted() {
		assertThat(validate(LEAF, INTERMEDIATE.certificate(), ROOT.certificate())).isEqualTo(ChainValidation.TRUSTED);
	}

	@Test
	void chainWithoutTheRootIsTrusted() {
		assertThat(validate(LEAF, INTERMEDIATE.certificate())).isEqualTo(ChainValidation.TRUSTED);
	}

	@Test
	void chainSentOutOfOrderIsStillTrusted() {
		assertThat(validate(LEAF, ROOT.certificate(), INTERMEDIATE.certificate())).isEqualTo(ChainValidation.TRUSTED);
	}

	@Test
	void leafWithoutItsIntermediateIsMissingTheIntermediate() {
		assertThat(validate(LEAF)).isEqualTo(new ChainValidation(false, ChainProblem.MISSING_INTERMEDIATE,
				"CN=Test Issuing CA", null, "CN=www.example.test"));
	}

	@Test
	void leafAndRootWithoutTheIntermediateIsMissingTheIntermediate() {
		assertThat(validate(LEAF, ROOT.certificate())).isEqualTo(new ChainValidation(false,
				ChainProblem.MISSING_INTERMEDIATE, "CN=Test Issuing CA", null, "CN=www.example.test"));
	}

	@Test
	void chainToARootTheServerSentButNobodyTrustsIsAnUntrustedRoot() {
		IssuedCertificate rogueRoot = CertificateGenerator.root("CN=Rogue Root");
		IssuedCertificate rogueIntermediate = CertificateGenerator.intermediate("CN=Rogue Issuing CA", rogueRoot);
		X509Certificate leaf = leaf(rogueIntermediate, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)));

		assertThat(validate(leaf, rogueIntermediate.certificate(), rogueRoot.certificate()))
			.isEqualTo(new ChainValidation(false, ChainProblem.UNTRUSTED_ROOT, "CN=Rogue Root"));
	}

	@Test
	void rootWithTheTrustedNameButAnotherKeyIsNotTrusted() {
		IssuedCertificate impostor = CertificateGenerator.root("CN=Test Root");
		IssuedCertificate intermediate = CertificateGenerator.intermediate("CN=Test Issuing CA",
				impostor);
		X509Certificate leaf = leaf(intermediate, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)));

		ChainValidation validation = validate(leaf, intermediate.certificate(), impostor.certificate());

		assertThat(validation.trusted()).isFalse();
		assertThat(validation.problem()).isEqualTo(ChainProblem.UNTRUSTED_ROOT);
	}

	@Test
	void selfSignedLeafIsReportedAsSuch() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=intranet.example.test")
			.dnsNames("intranet.example.test")
			.build()
			.certificate();

		assertThat(validate(leaf))
			.isEqualTo(new ChainValidation(false, ChainProblem.SELF_SIGNED_LEAF, "CN=intranet.example.test"));
	}

	@Test
	void leafThatIsItselfATrustAnchorIsTrusted() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=intranet.example.test")
			.dnsNames("intranet.example.test")
			.build()
			.certificate();
		ChainValidator pinned = new ChainValidator(TrustAnchors.of(Set.of(ROOT.certificate(), leaf)));

		assertThat(pinned.validate(List.of(leaf), NOW)).isEqualTo(ChainValidation.TRUSTED);
	}

	@Test
	void expiredLeafIsJudgedWithinItsValidity() {
		X509Certificate expired = leaf(INTERMEDIATE, NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(10)));

		assertThat(validate(expired, INTERMEDIATE.certificate())).isEqualTo(ChainValidation.TRUSTED);
	}

	@Test
	void notYetValidLeafIsJudgedWithinItsValidity() {
		X509Certificate early = leaf(INTERMEDIATE, NOW.plus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(100)));

		assertThat(validate(early, INTERMEDIATE.certificate())).isEqualTo(ChainValidation.TRUSTED);
	}

	@Test
	void expiredIntermediateIsNotExcusedLikeTheLeaf() {
		IssuedCertificate expiredIntermediate = CertificateGenerator.certificate("CN=Old Issuing CA")
			.issuedBy(ROOT)
			.certificateAuthority()
			.validFrom(NOW.minus(Duration.ofDays(400)))
			.validUntil(NOW.minus(Duration.ofDays(5)))
			.build();
		X509Certificate leaf = leaf(expiredIntermediate, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(60)));

		ChainValidation validation = validate(leaf, expiredIntermediate.certificate());

		assertThat(validation.trusted()).isFalse();
		assertThat(validation.problem()).isEqualTo(ChainProblem.OTHER);
		assertThat(validation.detail()).isNotBlank();
	}

	@Test
	void sixIntermediatesBelowATrustedRootAreTrusted() {
		List<X509Certificate> chain = chainOfIntermediates(6);

		assertThat(this.validator.validate(chain, NOW)).isEqualTo(ChainValidation.TRUSTED);
	}

	@Test
	void moreIntermediatesThanTheSettingAllowsAreNotTrusted() {
		ChainValidator strict = new ChainValidator(TrustAnchors.of(Set.of(ROOT.certificate())), null, 5);

		assertThat(strict.validate(chainOfIntermediates(6), NOW).trusted()).isFalse();
	}

	@Test
	void issuingCaUnderARootNobodyTrustsIsAnUnknownIssuerNotAMissingIntermediate() {
		IssuedCertificate privateRoot = CertificateGenerator.root("CN=Corp Private Root");
		IssuedCertificate issuing = CertificateGenerator.intermediate("CN=Corp Issuing CA", privateRoot);

		assertThat(validate(leaf(issuing, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90))),
				issuing.certificate()))
			.isEqualTo(new ChainValidation(false, ChainProblem.UNKNOWN_ISSUER, "CN=Corp Private Root", null,
					"CN=Corp Issuing CA"));
	}

	@Test
	void nameExcludedByAnIntermediatesNameConstraintsIsExplainedInWords() {
		IssuedCertificate constrained = CertificateGenerator.certificate("CN=Constrained Issuing CA")
			.issuedBy(ROOT)
			.certificateAuthority()
			.excludedDnsNames("example.test")
			.validFrom(NOW.minus(Duration.ofDays(30)))
			.validUntil(NOW.plus(Duration.ofDays(365)))
			.build();
		X509Certificate leaf = leaf(constrained, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)));

		ChainValidation validation = validate(leaf, constrained.certificate());

		assertThat(validation.problem()).isEqualTo(ChainProblem.OTHER);
		assertThat(validation.detail()).startsWith(
				"CN=www.example.test is outside the names CN=Constrained Issuing CA may issue for (name constraints)");
	}

	/** A leaf under {@code count} intermediates below ROOT, leaf first, without the root. */
	private static List<X509Certificate> chainOfIntermediates(int count) {
		List<X509Certificate> chain = new ArrayList<>();
		IssuedCertificate issuer = ROOT;
		for (int i = 1; i <= count; i++) {
			issuer = CertificateGenerator.intermediate("CN=Level " + i + " CA", issuer);
			chain.addFirst(issuer.certificate());
		}
		chain.addFirst(leaf(issuer, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90))));
		return chain;
	}

	private ChainValidation validate(X509Certificate... presented) {
		return this.validator.validate(List.of(presented), NOW);
	}

	private static X509Certificate leaf(IssuedCertificate issuer, Instant notBefore, Instant notAfter) {
		return CertificateGenerator.certificate("CN=www.example.test")
			.issuedBy(issuer)
			.dnsNames("www.example.test")
			.validFrom(notBefore)
			.validUntil(notAfter)
			.build()
			.certificate();
	}

}
