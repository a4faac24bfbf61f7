package dev.certaudit.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.Pem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chains whose verdicts issue #15 corrected, judged also by {@code openssl verify}, an implementation
 * nobody here wrote: where it accepts a chain cert-audit trusts it, and where it refuses one cert-audit
 * names the same defect.
 */
class ChainVerdictsAgreeWithOpensslTest {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Oracle Test Root");

	private final ChainValidator validator = new ChainValidator(TrustAnchors.of(Set.of(ROOT.certificate())));

	@TempDir
	Path folder;

	@Test
	void sixIntermediatesAreTrustedByBoth() throws Exception {
		List<X509Certificate> chain = new ArrayList<>();
		IssuedCertificate issuer = ROOT;
		for (int i = 1; i <= 6; i++) {
			issuer = CertificateGenerator.intermediate("CN=Level " + i + " CA", issuer);
			chain.addFirst(issuer.certificate());
		}
		chain.addFirst(leaf(issuer));

		assertThat(openssl(chain)).endsWith(": OK");
		assertThat(this.validator.validate(chain, NOW)).isEqualTo(ChainValidation.TRUSTED);
	}

	@Test
	void issuingCaUnderAnUnknownRootIsRefusedByBothForItsIssuer() throws Exception {
		IssuedCertificate privateRoot = CertificateGenerator.root("CN=Corp Private Root");
		IssuedCertificate issuing = CertificateGenerator.intermediate("CN=Corp Issuing CA", privateRoot);
		List<X509Certificate> chain = List.of(leaf(issuing), issuing.certificate());

		// openssl stops at the issuing CA, one above the leaf, for want of its issuer, as cert-audit does
		assertThat(openssl(chain)).contains("CN = Corp Issuing CA", "error 20 at 1 depth lookup");
		ChainValidation validation = this.validator.validate(chain, NOW);
		assertThat(validation.problem()).isEqualTo(ChainProblem.UNKNOWN_ISSUER);
		assertThat(validation.lastSent()).isEqualTo("CN=Corp Issuing CA");
		assertThat(validation.detail()).isEqualTo("CN=Corp Private Root");
	}

	@Test
	void excludedNameIsRefusedByBothForTheNameConstraints() throws Exception {
		IssuedCertificate constrained = CertificateGenerator.certificate("CN=Constrained Issuing CA")
			.issuedBy(ROOT)
			.certificateAuthority()
			.excludedDnsNames("example.test")
			.validFrom(NOW.minus(Duration.ofDays(30)))
			.validUntil(NOW.plus(Duration.ofDays(365)))
			.build();
		List<X509Certificate> chain = List.of(leaf(constrained), constrained.certificate());

		assertThat(openssl(chain)).contains("excluded subtree violation");
		assertThat(this.validator.validate(chain, NOW).detail()).contains("(name constraints)");
	}

	private static X509Certificate leaf(IssuedCertificate issuer) {
		return CertificateGenerator.certificate("CN=www.example.test")
			.issuedBy(issuer)
			.dnsNames("www.example.test")
			.validFrom(NOW.minus(Duration.ofDays(1)))
			.validUntil(NOW.plus(Duration.ofDays(90)))
			.build()
			.certificate();
	}

	/** What {@code openssl verify} says of the chain, leaf first, with only ROOT trusted. */
	private String openssl(List<X509Certificate> chain) throws IOException, InterruptedException {
		Path root = write("root.pem", List.of(ROOT.certificate()));
		Path leaf = write("leaf.pem", chain.subList(0, 1));
		Path untrusted = write("untrusted.pem", chain.subList(1, chain.size()));
		Process verify = new ProcessBuilder("openssl", "verify", "-CAfile", root.toString(), "-untrusted",
				untrusted.toString(), leaf.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(verify.waitFor(60, TimeUnit.SECONDS)).as("openssl verify finished").isTrue();
		return new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
	}

	private Path write(String name, List<X509Certificate> certificates) throws IOException {
		StringBuilder pem = new StringBuilder();
		certificates.forEach((certificate) -> pem.append(Pem.encode(certificate)));
		return Files.writeString(this.folder.resolve(name), pem);
	}

}
