package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * An intermediate the server sends expires before the leaf: the chain breaks on the intermediate's
 * notAfter, earlier than anyone watching the leaf's date expects. An intermediate already expired is left
 * to {@link ExpiredIntermediateRule}.
 */
public final class IntermediateExpiresBeforeLeafRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("WARN_CHAIN_INTERMEDIATE_EXPIRES_BEFORE_LEAF", 30,
			"a presented intermediate expires before the leaf does",
			"A certificate of the issuing authority that the server sends expires before the server's own.",
			"RFC 5280 6.1.3 (a)(2): every certificate on the path must be within its validity period, so the chain breaks at the earliest notAfter on it",
			"Fetch the renewed intermediate from your CA and serve it instead, or plan the leaf's renewal before the intermediate's expiry.");

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
		Instant leafNotAfter = evidence.leaf().getNotAfter().toInstant();
		return evidence.sentAfterLeaf()
			.stream()
			.filter((certificate) -> Certificates.isCertificateAuthority(certificate) && !Certificates.isSelfSigned(certificate))
			.filter((certificate) -> expiresBetween(certificate, evidence.now(), leafNotAfter))
			.map((certificate) -> "intermediate " + Certificates.subject(certificate) + " expires on "
					+ certificate.getNotAfter().toInstant() + ", before the leaf (" + leafNotAfter + ")")
			.collect(Rule.joinedProblems());
	}

	private static boolean expiresBetween(X509Certificate certificate, Instant now, Instant leafNotAfter) {
		Instant notAfter = certificate.getNotAfter().toInstant();
		return !now.isAfter(notAfter) && notAfter.isBefore(leafNotAfter);
	}

}
