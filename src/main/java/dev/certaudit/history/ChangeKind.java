package dev.certaudit.history;

/** How an endpoint changed since the previous run of the same inventories, in the order reports list them. */
public enum ChangeKind {

	/** Was fine (OK or WARNING, or not audited before) and is now ERROR, EXPIRED, NOT_YET_VALID or CRITICAL. */
	NEWLY_FAILING("newly failing"),

	/** Was failing and is now OK or WARNING. */
	NEWLY_FIXED("newly fixed"),

	/** Serves a different certificate than before: renewed, or replaced. */
	RENEWED("renewed"),

	/** Audited now but not in the previous run. */
	NEW_ENDPOINT("new endpoint"),

	/**
	 * Audited in the previous run but not now: removed from the inventory, or an address its name no
	 * longer has (a name that no longer resolves at all is the same endpoint, newly failing).
	 */
	DISAPPEARED("disappeared");

	private final String label;

	ChangeKind(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
