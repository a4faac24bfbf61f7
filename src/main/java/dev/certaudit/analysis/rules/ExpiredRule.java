package dev.certaudit.analysis.rules;

import java.time.Instant;
import java.util.Optional;

import dev.certaudit.analysis.DaysLeft;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/** The leaf certificate is past its notAfter date: every client rejects it. */
public final class ExpiredRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CERT_EXPIRED", 30,
			"the leaf is past its notAfter date",
			"The certificate has expired: clients refuse to connect.",
			"RFC 5280 4.1.2.5 and 6.1.3 (a)(2): a certificate is valid only from its notBefore to its notAfter date",
			"Renew the certificate now and install it with its full chain on every endpoint that serves it.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
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
		return Optional.of("expired on " + notAfter + " (" + DaysLeft.days(-(long) DaysLeft.of(evidence.now(), notAfter))
				+ " ago)");
	}

}
