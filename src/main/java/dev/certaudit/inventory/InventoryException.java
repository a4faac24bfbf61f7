package dev.certaudit.inventory;

/** An inventory that cannot be used as written; the message names the file and line for the operator. */
public class InventoryException extends RuntimeException {

	public InventoryException(String message, Throwable cause) {
		super(message, cause);
	}

}
