package dev.certaudit.analysis;

import java.util.Optional;

/**
 * What a rule is, declared once in its class as zlint declares a lint's metadata: reports show the id
 * and remediation with every hit, and README's rule table is made of the ids and descriptions.
 * @param id the stable id; its prefix is the severity
 * @param order the rule's place among the rules of its severity, lowest first: an endpoint's findings
 * of one severity are listed in this order, and no two rules of a severity share a place
 * @param description what the rule finds, in one line
 * @param plainReason what is wrong, in one short sentence for readers who know neither the rule ids nor
 * TLS: the PDF for leadership shows this instead of the id
 * @param source what the rule rests on: an RFC section, a CA/Browser Forum Baseline Requirements section,
 * what clients do
 * @param remediation what to do when the rule fires
 */
public record RuleMetadata(RuleId id, int order, String description, String plainReason, String source,
		String remediation) {

	public RuleMetadata(String id, int order, String description, String plainReason, String source,
			String remediation) {
		this(new RuleId(id), order, description, plainReason, source, remediation);
	}

	/**
	 * The metadata of the rule with this id, for reports read back from the database; empty for an id
	 * this version has no rule of.
	 */
	public static Optional<RuleMetadata> of(String ruleId) {
		return RuleCatalogue.metadata(ruleId);
	}

	public Severity severity() {
		return this.id.severity();
	}

	/** A hit of this rule: what exactly is wrong, with the rule's id and remediation. */
	public Finding finding(String message) {
		return new Finding(this.id, message, this.remediation);
	}

}
