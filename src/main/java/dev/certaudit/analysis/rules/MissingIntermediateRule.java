package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.ChainProblem;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.analysis.intermediates.IntermediateRecovery;

/**
 * The chain cannot be built from what the server sent: an intermediate certificate is missing. It stays
 * one critical rule whether or not some clients recover: browsers that fetch the AIA caIssuers URL
 * cope, while Java, mail and API clients and Firefox (which does not fetch AIA) fail, and the fix is
 * the same either way. The message says which case it is.
 */
public final class MissingIntermediateRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CHAIN_MISSING_INTERMEDIATE", 80,
			"the server did not send the leaf's issuer (or an intermediate that completes the chain), and it is no trusted root; the message says whether clients that fetch AIA recover",
			"The server leaves out part of its certificate chain, so many clients cannot trust it.",
			"RFC 5246 7.4.2 and RFC 8446 4.4.2: the server sends its certificate with the chain that certifies it; only some browsers fetch a missing issuer from the AIA caIssuers URL (RFC 5280 4.2.2.1)",
			"Install the full chain on the server: the leaf followed by every intermediate certificate from your CA, in order.");

	private static final String FAILING_CLIENTS = "fails for Java, mail clients, API clients, Firefox";

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain() && evidence.validation() != null;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		if (evidence.validation().problem() != ChainProblem.MISSING_INTERMEDIATE) {
			return Optional.empty();
		}
		String missing = "the server did not send the certificate of issuer " + evidence.validation().detail();
		IntermediateRecovery recovery = evidence.validation().recovery();
		return Optional.of((recovery != null) ? missing + "; " + recoverability(recovery) : missing);
	}

	private static String recoverability(IntermediateRecovery recovery) {
		String completion = recovery.completedWith().isEmpty() ? ""
				: "; the chain completes with " + String.join(", ", recovery.completedWith());
		return switch (recovery.recoverability()) {
			case BY_AIA_CLIENTS -> "missing intermediate, recoverable by clients that fetch AIA (some browsers) from "
					+ recovery.caIssuersUrl() + "; " + FAILING_CLIENTS + completion;
			case NOT_RECOVERABLE -> "missing intermediate, not recoverable: " + recovery.reason() + completion;
			case NOT_CHECKED -> "missing intermediate, recoverable by clients that fetch AIA (some browsers) only if "
					+ recovery.caIssuersUrl() + " serves it (" + recovery.reason() + "); " + FAILING_CLIENTS
					+ completion;
		};
	}

}
