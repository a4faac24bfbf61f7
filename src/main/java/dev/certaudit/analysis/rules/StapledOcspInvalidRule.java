package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.analysis.revocation.RevocationStatus;

/**
 * The server staples an OCSP response that cannot be relied on: expired, signed by neither the issuer
 * nor its delegate, about another certificate, or unreadable. Clients that insist on a staple (Must-Staple,
 * RFC 7633) fail, and the rest ask the CA instead, which the staple was there to spare.
 */
public final class StapledOcspInvalidRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("WARN_OCSP_STAPLE_INVALID", 110,
			"the OCSP response the server staples is expired, wrongly signed, about another certificate or unreadable",
			"The proof of validity the server attaches to its certificate is not valid.",
			"RFC 6066 8 (certificate status request); RFC 6960 3.2 and 4.2.2.2 (what makes a response acceptable); RFC 7633 (Must-Staple)",
			"Check the server's OCSP stapling: that it can reach the CA's responder and refreshes the response before its nextUpdate.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.stapled() != null;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		return (evidence.stapled() instanceof RevocationStatus.Unknown unknown)
				? Optional.of("the server staples an OCSP response that cannot be relied on: " + unknown.why())
				: Optional.empty();
	}

}
