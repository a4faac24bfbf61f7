package dev.certaudit.analysis;

import java.util.regex.Pattern;

/**
 * The stable name of a rule, as reports, exports and people's filters use it. The prefix names the
 * severity ({@code CRIT_}, {@code WARN_}, {@code INFO_}) so the id alone says how bad a hit is; an id
 * never changes once released.
 */
public record RuleId(String value) {

	private static final Pattern FORM = Pattern.compile("(CRIT|WARN|INFO)_[A-Z0-9_]+");

	public RuleId {
		if (!FORM.matcher(value).matches()) {
			throw new IllegalArgumentException("Rule id must look like CRIT_/WARN_/INFO_NAME: " + value);
		}
	}

	public Severity severity() {
		return switch (this.value.substring(0, 4)) {
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
