package dev.certaudit.analysis.rules;

import java.time.Instant;
import java.util.Optional;

import dev.certaudit.analysis.DaysLeft;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The leaf expires within a threshold. Each threshold is a rule with an id of its own
 * ({@link ExpiresWithinCriticalDaysRule}, {@link ExpiresWithinWarningDaysRule}), so a hit names its
 * urgency; they share this check of the days left against a window.
 */
abstract sealed class ExpiringRule implements Rule permits ExpiresWithinCriticalDaysRule, ExpiresWithinWarningDaysRule {

	static final String SOURCE = "cert-audit.thresholds: the time an operator needs to renew and install before the notAfter date of RFC 5280 4.1.2.5";

	static final String REMEDIATION = "Renew the certificate before it expires and install it with its full chain on every endpoint that serves it.";

	private final RuleMetadata metadata;

	private final int withinDays;

	private final int beyondDays;

	/** Fires with fewer than {@code withinDays} whole days left, and at least {@code beyondDays}. */
	ExpiringRule(RuleMetadata metadata, int withinDays, int beyondDays) {
		this.metadata = metadata;
		this.withinDays = withinDays;
		this.beyondDays = beyondDays;
	}

	@Override
	public RuleMetadata metadata() {
		return this.metadata;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain() && !evidence.now().isAfter(evidence.leaf().getNotAfter().toInstant());
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		Instant notAfter = evidence.leaf().getNotAfter().toInstant();
		int daysLeft = DaysLeft.of(evidence.now(), notAfter);
		if (daysLeft >= this.withinDays || daysLeft < this.beyondDays) {
			return Optional.empty();
		}
		return Optional.of("expires on " + notAfter + ", in " + DaysLeft.days(daysLeft) + " (threshold " + this.withinDays
				+ ")");
	}

}
