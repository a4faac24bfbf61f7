package dev.certaudit.analysis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleId;

/** The leaf certificate is past its notAfter date: every client rejects it. */
public final class ExpiredRule implements Rule {

	private static final RuleId ID = new RuleId("CRIT_CERT_EXPIRED");

	@Override
	public RuleId id() {
		return ID;
	}

	@Override
	public String remediation() {
		return "Renew the certificate now and install it with its full chain on every endpoint that serves it.";
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain();
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		Instant notAfter = evidence.leaf().getNotAfter().toInstant();
		if (!evidence.now().isAfter(notAfter)) {
			return Optional.empty();
		}
		long days = Duration.between(notAfter, evidence.now()).toDays();
		return Optional.of("expired on " + notAfter + " (" + days + " days ago)");
	}

}
