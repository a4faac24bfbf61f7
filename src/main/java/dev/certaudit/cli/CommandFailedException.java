package dev.certaudit.cli;

/**
 * A command that could not start or did not finish for a reason other than its findings (exit 3), told
 * in one line that says what failed and what to do; the stack trace, if any, is logged at DEBUG.
 */
class CommandFailedException extends RuntimeException {

	CommandFailedException(String message) {
		super(message);
	}

}
