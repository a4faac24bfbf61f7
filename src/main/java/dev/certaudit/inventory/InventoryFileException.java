package dev.certaudit.inventory;

/** A whole inventory file that cannot be used (unreadable, or a zone file that does not parse). */
public class InventoryFileException extends InventoryException {

	public InventoryFileException(String message, Throwable cause) {
		super(message, cause);
	}

}
