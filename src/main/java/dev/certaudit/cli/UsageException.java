package dev.certaudit.cli;

/** A command line that cannot be understood; the message says what is wrong. */
class UsageException extends RuntimeException {

	UsageException(String message) {
		super(message);
	}

}
