package dev.certaudit.analysis.rules;

import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.analysis.Thresholds;

/**
 * The leaf expires within the warning days but not the critical ones, which are
 * {@link ExpiresWithinCriticalDaysRule}'s: one hit per leaf, at its urgency.
 */
public final class ExpiresWithinWarningDaysRule extends ExpiringRule {

	public static final String ID = "WARN_CERT_EXPIRING";

	private static final RuleMetadata METADATA = new RuleMetadata(ID, 20,
			"the leaf expires within the warning days (`cert-audit.thresholds.warning-days`, 30) but not the critical ones",
			"The certificate expires in the coming weeks: plan its renewal.",
			SOURCE, REMEDIATION);

	public ExpiresWithinWarningDaysRule(Thresholds thresholds) {
		super(METADATA, thresholds.warningDays(), thresholds.criticalDays());
	}

}
