package dev.certaudit.analysis;

import java.util.Optional;
import java.util.stream.Collector;
import java.util.stream.Collectors;

/**
 * One check on one endpoint, in the manner of zlint: its metadata, an "applies to" test and the check
 * itself. Rules live in {@code analysis.rules}, one class per defect, where {@link RuleCatalogue} finds
 * them.
 */
public interface Rule {

	RuleMetadata metadata();

	/** Whether the evidence holds what this rule needs (a fetched chain, a failed fetch ...). */
	boolean appliesTo(Evidence evidence);

	/** @return why the endpoint fails this rule, or empty when it passes */
	Optional<String> check(Evidence evidence);

	default Optional<Finding> evaluate(Evidence evidence) {
		if (!appliesTo(evidence)) {
			return Optional.empty();
		}
		return check(evidence).map(metadata()::finding);
	}

	/**
	 * One message from the problems a rule found, one for each certificate at fault, joined by "; ";
	 * empty when there is none, as {@link #check} wants.
	 */
	static Collector<CharSequence, ?, Optional<String>> joinedProblems() {
		return Collectors.collectingAndThen(Collectors.joining("; "),
				(problems) -> problems.isEmpty() ? Optional.empty() : Optional.of(problems));
	}

}
