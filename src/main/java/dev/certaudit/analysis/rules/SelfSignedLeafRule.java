package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.ChainProblem;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/** The leaf is self-signed and not itself trusted: clients cannot verify who they talk to. */
public final class SelfSignedLeafRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CERT_SELF_SIGNED", 70,
			"the leaf signed itself and is not trusted",
			"The certificate was made by the server itself, not by an authority clients trust.",
			"RFC 5280 6.1: a path must end at a trust anchor the client holds, and a self-signed leaf is its own anchor, held by no client but those it was installed on",
			"Replace it with a certificate from a public CA, or from your private CA and add that CA to the clients and to the audit trust store.");

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
		return (evidence.validation().problem() == ChainProblem.SELF_SIGNED_LEAF)
				? Optional.of("self-signed certificate " + evidence.validation().detail() + " is not trusted")
				: Optional.empty();
	}

}
