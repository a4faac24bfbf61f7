package dev.certaudit.probe;

/** How an attempt to fetch an endpoint's certificate chain ended. */
public enum ProbeOutcome {

	FETCHED("chain fetched"),
	DNS_FAILURE("name does not resolve"),
	REFUSED("connection refused"),
	TIMEOUT("timed out"),
	NOT_TLS("the service does not speak TLS"),
	STARTTLS_REFUSED("the service did not agree to STARTTLS"),
	HANDSHAKE_FAILED("TLS handshake failed"),
	IO_ERROR("network error"),
	FILE_UNREADABLE("the certificate file cannot be read");

	private final String description;

	ProbeOutcome(String description) {
		this.description = description;
	}

	public String description() {
		return this.description;
	}

	/** Whether the endpoint could not be reached at all, as opposed to answering wrongly. */
	public boolean unreachable() {
		return this == DNS_FAILURE || this == REFUSED || this == TIMEOUT || this == IO_ERROR;
	}

	/**
	 * Whether another attempt may end differently: a refused, reset or timed-out connection is often a
	 * restarting server or a full accept queue, whereas a name that does not exist, a handshake alert or
	 * a service that does not speak TLS will answer the same way again.
	 */
	public boolean transientFailure() {
		return this == REFUSED || this == TIMEOUT || this == IO_ERROR;
	}

}
