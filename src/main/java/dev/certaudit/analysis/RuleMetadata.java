package dev.certaudit.analysis;

/**
 * What a rule is, declared once in its class as zlint declares a lint's metadata: reports show the id
 * and remediation with every hit, and README's rule table is made of the ids and descriptions.
 * @param id the stable id; its prefix is the severity
 * @param order the rule's place among the rules of its severity, lowest first: an endpoint's findings
 * of one severity are listed in this order, and no two rules of a severity share a place
 * @param description what the rule finds, in one line
 * @param source what the rule rests on: an RFC section, a CA/Browser Forum Baseline Requirements section,
 * what clients do
 * @param remediation what to do when the rule fires
 */
public record RuleMetadata(RuleId id, int order, String description, String source, String remediation) {

	public RuleMetadata(String id, int order, String description, String source, String remediation) {
		this(new RuleId(id), order, description, source, remediation);
	}

	public Severity severity() {
		return this.id.severity();
	}

	/** A hit of this rule: what exactly is wrong, with the rule's id and remediation. */
	public Finding finding(String message) {
		return new Finding(this.id, message, this.remediation);
	}

}
