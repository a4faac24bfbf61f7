package dev.certaudit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

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
				"CN=Test Issuing CA"));
	}

	@Test
	void leafAndRootWithoutTheIntermediateIsMissingTheIntermediate() {
		assertThat(validate(LEAF, ROOT.certificate())).isEqualTo(new ChainValidation(false,
				ChainProblem.MISSING_INTERMEDIATE, "CN=Test Issuing CA"));
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
