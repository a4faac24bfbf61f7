package dev.certaudit.analysis;

/** One rule hit on one endpoint, with what exactly is wrong there and what to do about it. */
public record Finding(RuleId ruleId, String message, String remediation) {

	public Severity severity() {
		return this.ruleId.severity();
	}

}
