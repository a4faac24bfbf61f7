package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The server sends a self-signed root. Clients trust roots from their own store, never from the wire, so
 * it only costs bytes in every handshake; RFC 8446 4.4.2 and RFC 5246 7.4.2 allow leaving it out.
 */
public final class RootSentRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("INFO_CHAIN_ROOT_SENT", 10,
			"the server sends a self-signed root (harmless, wasted bytes)",
			"The server sends a root certificate that clients already have.",
			"RFC 8446 4.4.2 and RFC 5246 7.4.2: the root may be left out, since clients take roots from their own store",
			"Optionally remove the root certificate from the served chain file; clients already have it.");

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
			.filter(Certificates::isSelfSigned)
			.map(Certificates::subject)
			.collect(Rule.joinedProblems())
			.map("the server sends root "::concat);
	}

}
