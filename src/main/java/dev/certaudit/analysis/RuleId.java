package dev.certaudit.analysis;

import java.util.regex.Pattern;

/**
 * The stable name of a rule, as reports, exports and people's filters use it. The prefix names the
 * severity ({@code ERROR_}, {@code CRIT_}, {@code WARN_}, {@code INFO_}) so the id alone says how bad a
 * hit is, in the words of the status it gives ({@link Severity#status()}); an id never changes once
 * released, except to make it agree with that status, with the stored findings renamed in the database
 * and the old id named in the README.
 */
public record RuleId(String value) {

	private static final Pattern FORM = Pattern.compile("(ERROR|CRIT|WARN|INFO)_[A-Z0-9_]+");

	public RuleId {
		if (!FORM.matcher(value).matches()) {
			throw new IllegalArgumentException("Rule id must look like ERROR_/CRIT_/WARN_/INFO_NAME: " + value);
		}
	}

	public Severity severity() {
		return switch (this.value.substring(0, this.value.indexOf('_'))) {
			case "ERROR" -> Severity.ERROR;
			case "CRIT" -> Severity.CRITICAL;
			case "WARN" -> Severity.WARNING;
			default -> Severity.INFO;
		};
	}

	@Override
	public String toString() {
		return this.value;
	}

}
