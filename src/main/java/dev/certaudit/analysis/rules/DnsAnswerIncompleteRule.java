package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * DNS gave the name's addresses of one family and failed the other (REFUSED, SERVFAIL, no answer): the
 * endpoint was audited at the addresses given, but the name may have more that nobody audited, and
 * clients that ask a better-behaved resolver, or wait for both answers, may be reaching those.
 */
public final class DnsAnswerIncompleteRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("WARN_DNS_ANSWER_INCOMPLETE", 15,
			"DNS answered one address family of the name and failed the other (REFUSED, SERVFAIL, no answer): the other family's addresses, if any, were not audited",
			"DNS answered only part of the lookup, so some addresses of this name went unchecked.",
			"RFC 4074 (servers that fail AAAA queries while they answer A, and the harm done to clients) and RFC 1035 4.1.1 (response codes); clients ask for both families and connect to either (RFC 8305 3)",
			"Have the DNS server or forwarder answer both A and AAAA queries for the name, a family it has no addresses of with an empty NOERROR answer rather than REFUSED or SERVFAIL (RFC 4074), or point cert-audit.dns.servers at one that does; then audit again so every address is visited.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.unansweredLookup() != null;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		return Optional.of(evidence.host() + ": " + evidence.unansweredLookup()
				+ "; only the addresses DNS gave for the other family were audited");
	}

}
