package dev.certaudit.analysis.rules;

import java.time.Instant;
import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleId;

/** The leaf certificate is not valid yet: clients reject it until its notBefore date. */
public final class NotYetValidRule implements Rule {

	private static final RuleId ID = new RuleId("CRIT_CERT_NOT_YET_VALID");

	@Override
	public RuleId id() {
		return ID;
	}

	@Override
	public String remediation() {
		return "Check the server clock and the issuing CA clock; install a certificate that is valid now, or wait until its notBefore date before deploying it.";
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
