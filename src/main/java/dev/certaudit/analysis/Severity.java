package dev.certaudit.analysis;

/** How urgently a finding needs a person. Ordered from most to least urgent. */
public enum Severity {

	/** The audit could not judge the endpoint at all: nothing was fetched, so nobody knows what it serves. */
	ERROR,
	CRITICAL,
	WARNING,
	INFO;

	/**
	 * The status a finding of this severity gives its endpoint, expiry and validity dates aside: one word
	 * for one thing in the rule id, the finding, the report and the exit code. An informational finding
	 * leaves the endpoint OK.
	 */
	public Status status() {
		return switch (this) {
			case ERROR -> Status.ERROR;
			case CRITICAL -> Status.CRITICAL;
			case WARNING -> Status.WARNING;
			case INFO -> Status.OK;
		};
	}

}
