package dev.certaudit.job;

/** An audit or restart that cannot start, with a message for the operator and no stack trace. */
public class AuditRefusedException extends RuntimeException {

	public AuditRefusedException(String message) {
		super(message);
	}

}
