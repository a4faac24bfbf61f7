package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The chain does not lead to a trusted root, other than for a self-signed leaf or a missing intermediate,
 * which have rules of their own: it ends at an untrusted root, stops at a CA whose issuer is neither sent
 * nor trusted (typically a private CA whose root the audit was not given), or fails a PKIX check, whose
 * reason the message gives in words.
 */
public final class UntrustedChainRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CHAIN_UNTRUSTED", 90,
			"the chain ends at a root nobody trusts, or at a CA whose issuer is neither sent nor trusted, or fails PKIX otherwise (the reason in words)",
			"The certificate does not lead to an authority that clients trust.",
			"RFC 5280 6.1: path validation up to a trust anchor; the JDK trust store and cert-audit.trust.extra-store stand for the clients' stores",
			"Serve a chain that leads to a publicly trusted root, or, for a private CA, add its root to the clients and to the audit trust store (cert-audit.trust.extra-store).");

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
		return switch (evidence.validation().problem()) {
			case UNTRUSTED_ROOT -> Optional.of("chain ends at root " + evidence.validation().detail() + ", which is not trusted");
			case UNKNOWN_ISSUER -> Optional.of("the server sent the chain up to " + evidence.validation().lastSent()
					+ ", whose issuer " + evidence.validation().detail() + " is neither sent nor trusted: for a private CA,"
					+ " add its root to the audit's trust (cert-audit.trust.extra-store) and to the clients; for a public"
					+ " CA, the chain is incomplete above " + evidence.validation().lastSent());
			case OTHER -> Optional.of("chain does not validate: " + evidence.validation().detail());
			default -> Optional.empty();
		};
	}

}
