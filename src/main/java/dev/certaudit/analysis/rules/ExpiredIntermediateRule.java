package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * A CA certificate the server sends is expired or not valid yet: clients that build the path through it
 * reject the chain (RFC 5280 6.1.3 checks every certificate's validity), however fresh the leaf is.
 */
public final class ExpiredIntermediateRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CHAIN_INTERMEDIATE_EXPIRED", 100,
			"a CA certificate the server sends is expired or not yet valid",
			"A certificate of the issuing authority that the server sends has expired or is not valid yet.",
			"RFC 5280 6.1.3 (a)(2): every certificate on the path must be within its validity period",
			"Replace the CA certificate in the served chain with its current version from your CA's repository and reload the server.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.presented().size() > 1;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		return evidence.sentAfterLeaf()
			.stream()
			.filter(Certificates::isCertificateAuthority)
			.map((certificate) -> problem(certificate, evidence.now()))
			.flatMap(Optional::stream)
			.collect(Rule.joinedProblems());
	}

	private static Optional<String> problem(X509Certificate certificate, Instant now) {
		Instant notBefore = certificate.getNotBefore().toInstant();
		Instant notAfter = certificate.getNotAfter().toInstant();
		if (now.isAfter(notAfter)) {
			return Optional.of("CA certificate " + Certificates.subject(certificate) + " expired on " + notAfter);
		}
		if (now.isBefore(notBefore)) {
			return Optional.of("CA certificate " + Certificates.subject(certificate) + " is not valid before " + notBefore);
		}
		return Optional.empty();
	}

}
