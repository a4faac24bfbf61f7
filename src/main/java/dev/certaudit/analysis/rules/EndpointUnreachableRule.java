package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The endpoint could not be reached: the name does not resolve, the connection is refused, it times out,
 * or the server kept turning the audit away with "try later" (too many connections from its address).
 * An error, as the endpoint's status is: nothing was fetched, so nothing about it could be judged.
 */
public final class EndpointUnreachableRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("ERROR_ENDPOINT_UNREACHABLE", 10,
			"the name does not resolve, the port is closed, it times out, or the server keeps saying to try later (SMTP 421, too many connections)",
			"The service could not be reached, so its certificate was not checked.",
			"the inventory: an endpoint it lists but that cannot be reached goes unaudited, so nobody knows what it serves; an error, as its status is, until it is reachable or removed from the inventory (formerly WARN_ENDPOINT_UNREACHABLE)",
			"Check that the name resolves, the host is up and the port is open from the auditing machine; remove the endpoint from the inventory if it is decommissioned. A server that keeps saying to try later allows the auditing machine fewer connections than it opened: lower cert-audit.fetch.per-address-concurrency, or allow that machine more connections.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.outcome().unreachable();
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		return Optional.of(evidence.outcome().explained(evidence.fetchDetail()));
	}

}
