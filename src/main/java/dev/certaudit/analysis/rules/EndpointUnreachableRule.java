package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleId;

/** The endpoint could not be reached: the name does not resolve, the connection is refused, or it times out. */
public final class EndpointUnreachableRule implements Rule {

	private static final RuleId ID = new RuleId("WARN_ENDPOINT_UNREACHABLE");

	@Override
	public RuleId id() {
		return ID;
	}

	@Override
	public String remediation() {
		return "Check that the name resolves, the host is up and the port is open from the auditing machine; remove the endpoint from the inventory if it is decommissioned.";
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.outcome().unreachable();
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		return Optional.of(evidence.outcome().description() + ": " + evidence.fetchDetail());
	}

}
