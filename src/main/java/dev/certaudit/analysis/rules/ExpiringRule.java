package dev.certaudit.analysis.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleId;

/**
 * The leaf expires within a threshold. One rule class serves both thresholds with ids of their own
 * ({@code CRIT_CERT_EXPIRING} below the critical days, {@code WARN_CERT_EXPIRING} below the warning
 * days and not the critical ones), so a hit names its urgency.
 */
public final class ExpiringRule implements Rule {

	private final RuleId id;

	private final int withinDays;

	private final int beyondDays;

	private ExpiringRule(RuleId id, int withinDays, int beyondDays) {
		this.id = id;
		this.withinDays = withinDays;
		this.beyondDays = beyondDays;
	}

	public static ExpiringRule critical(int criticalDays) {
		return new ExpiringRule(new RuleId("CRIT_CERT_EXPIRING"), criticalDays, -1);
	}

	public static ExpiringRule warning(int criticalDays, int warningDays) {
		return new ExpiringRule(new RuleId("WARN_CERT_EXPIRING"), warningDays, criticalDays);
	}

	@Override
	public RuleId id() {
		return this.id;
	}

	@Override
	public String remediation() {
		return "Renew the certificate before it expires and install it with its full chain on every endpoint that serves it.";
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain() && !evidence.now().isAfter(evidence.leaf().getNotAfter().toInstant());
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		Instant notAfter = evidence.leaf().getNotAfter().toInstant();
		long daysLeft = Duration.between(evidence.now(), notAfter).toDays();
		if (daysLeft >= this.withinDays || daysLeft < this.beyondDays) {
			return Optional.empty();
		}
		return Optional.of("expires on " + notAfter + ", in " + daysLeft + " days (threshold " + this.withinDays + ")");
	}

}
