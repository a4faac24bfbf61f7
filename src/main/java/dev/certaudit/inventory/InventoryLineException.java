package dev.certaudit.inventory;

/** A line of an inventory file that cannot be understood; the message starts with {@code file:line:}. */
public class InventoryLineException extends InventoryException {

	private final String origin;

	private final String line;

	private final String reason;

	public InventoryLineException(String origin, String line, String reason) {
		super(origin + ": " + reason, null);
		this.origin = origin;
		this.line = line;
		this.reason = reason;
	}

	public String origin() {
		return this.origin;
	}

	public String line() {
		return this.line;
	}

	public String reason() {
		return this.reason;
	}

}
