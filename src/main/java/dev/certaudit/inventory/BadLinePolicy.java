package dev.certaudit.inventory;

/** What to do with an inventory line that cannot be parsed ({@code cert-audit.inventory.on-bad-line}). */
public enum BadLinePolicy {

	/** Stop the run before fetching anything, naming {@code file:line}. */
	FAIL,
	/** Skip the line and list it in the reports. */
	SKIP

}
