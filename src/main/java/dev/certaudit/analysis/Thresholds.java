package dev.certaudit.analysis;

/**
 * Days before expiry at which an endpoint turns critical or warning. Defaults follow common renewal
 * practice: a month's notice to plan, a week's to act.
 */
public record Thresholds(int criticalDays, int warningDays) {

	public static final Thresholds DEFAULTS = new Thresholds(7, 30);

	public Thresholds {
		if (criticalDays < 0 || warningDays < criticalDays) {
			throw new IllegalArgumentException(
					"Thresholds need 0 <= critical-days <= warning-days, got " + criticalDays + " and " + warningDays);
		}
	}

}
