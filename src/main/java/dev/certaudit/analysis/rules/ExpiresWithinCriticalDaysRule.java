package dev.certaudit.analysis.rules;

import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.analysis.Thresholds;

/** The leaf expires within the critical days: renewing is urgent. */
public final class ExpiresWithinCriticalDaysRule extends ExpiringRule {

	public static final String ID = "CRIT_CERT_EXPIRING";

	private static final RuleMetadata METADATA = new RuleMetadata(ID, 50,
			"the leaf expires within the critical days (`cert-audit.thresholds.critical-days`, 7)",
			"The certificate expires in the next few days: renew it now.", SOURCE,
			REMEDIATION);

	public ExpiresWithinCriticalDaysRule(Thresholds thresholds) {
		super(METADATA, thresholds.criticalDays(), 0);
	}

}
