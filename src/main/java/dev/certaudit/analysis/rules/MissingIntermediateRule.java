package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.ChainProblem;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleId;

/** The chain cannot be built from what the server sent: an intermediate certificate is missing. */
public final class MissingIntermediateRule implements Rule {

	private static final RuleId ID = new RuleId("CRIT_CHAIN_MISSING_INTERMEDIATE");

	@Override
	public RuleId id() {
		return ID;
	}

	@Override
	public String remediation() {
		return "Install the full chain on the server: the leaf followed by every intermediate certificate from your CA, in order.";
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain() && evidence.validation() != null;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		return (evidence.validation().problem() == ChainProblem.MISSING_INTERMEDIATE)
				? Optional.of("the server did not send the certificate of issuer " + evidence.validation().detail())
				: Optional.empty();
	}

}
