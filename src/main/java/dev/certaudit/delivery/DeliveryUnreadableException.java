package dev.certaudit.delivery;

/** The delivery as a whole cannot be read: missing, too large, a damaged or encrypted zip. */
final class DeliveryUnreadableException extends Exception {

	DeliveryUnreadableException(String message) {
		super(message);
	}

}
