package dev.certaudit.analysis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The leaf is valid for longer than 398 days, the most CA/Browser Forum Baseline Requirements 6.3.2 allow
 * for certificates issued from 2020-09-01: publicly trusted CAs do not issue it, and Apple and Chrome
 * reject such publicly trusted certificates. Older certificates had longer limits and are left out.
 */
public final class ValidityTooLongRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("INFO_CERT_VALIDITY_TOO_LONG", 20,
			"the leaf is valid for more than 398 days (CA/B Baseline Requirements 6.3.2, from 2020-09-01)",
			"The certificate is valid for longer than browsers accept for public certificates.",
			"CA/Browser Forum Baseline Requirements 6.3.2 (at most 398 days for certificates issued from 2020-09-01); Apple and Chrome reject longer publicly trusted certificates",
			"Issue certificates for at most 397 days, ideally shorter with automated renewal (ACME).");

	private static final Duration MAXIMUM = Duration.ofDays(398);

	private static final Instant LIMIT_EFFECTIVE = Instant.parse("2020-09-01T00:00:00Z");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain() && !evidence.leaf().getNotBefore().toInstant().isBefore(LIMIT_EFFECTIVE);
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		Instant notBefore = evidence.leaf().getNotBefore().toInstant();
		Instant notAfter = evidence.leaf().getNotAfter().toInstant();
		Duration validity = Duration.between(notBefore, notAfter);
		if (validity.compareTo(MAXIMUM) <= 0) {
			return Optional.empty();
		}
		// rounded up, so a certificate a few hours over the limit does not read as "398 days"
		long days = validity.plus(Duration.ofDays(1)).minusSeconds(1).toDays();
		return Optional.of(Certificates.subject(evidence.leaf()) + " is valid for " + days + " days (" + notBefore
				+ " to " + notAfter + "), more than the 398 days allowed");
	}

}
