package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleId;
import dev.certaudit.probe.ProbeOutcome;

/** The server sent a certificate this JVM cannot parse: most clients cannot either. */
public final class UnparseableCertificateRule implements Rule {

	private static final RuleId ID = new RuleId("CRIT_CERT_UNPARSEABLE");

	@Override
	public RuleId id() {
		return ID;
	}

	@Override
	public String remediation() {
		return "Re-issue the certificate with a standard-conforming CA and install it with its full chain.";
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.outcome() == ProbeOutcome.FETCHED && !evidence.hasChain();
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		return Optional.of("certificate cannot be parsed: " + evidence.fetchDetail());
	}

}
