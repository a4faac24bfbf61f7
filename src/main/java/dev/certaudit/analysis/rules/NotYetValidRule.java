package dev.certaudit.analysis.rules;

import java.time.Instant;
import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/** The leaf certificate is not valid yet: clients reject it until its notBefore date. */
public final class NotYetValidRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CERT_NOT_YET_VALID", 40,
			"the leaf's notBefore is in the future",
			"The certificate is not valid yet: clients refuse to connect.",
			"RFC 5280 4.1.2.5 and 6.1.3 (a)(2): a certificate is valid only from its notBefore to its notAfter date",
			"Check the server clock and the issuing CA clock; install a certificate that is valid now, or wait until its notBefore date before deploying it.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain();
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		Instant notBefore = evidence.leaf().getNotBefore().toInstant();
		return evidence.now().isBefore(notBefore) ? Optional.of("not valid before " + notBefore) : Optional.empty();
	}

}
