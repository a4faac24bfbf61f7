package dev.certaudit.probe;

/** How an attempt to fetch an endpoint's certificate chain ended. */
public enum ProbeOutcome {

	FETCHED("chain fetched"),
	DNS_FAILURE("name does not resolve"),
	REFUSED("connection refused"),
	/** No connection within the connect timeout: the host is down, filtered, or the packets were lost. */
	TIMEOUT("timed out"),
	/** The connection was accepted but the TLS handshake (or STARTTLS) did not finish in time. */
	STALLED("accepted the connection but did not finish the handshake in time"),
	NOT_TLS("the service does not speak TLS"),
	STARTTLS_REFUSED("the service did not agree to STARTTLS"),
	/**
	 * The server turned the session away for now and asked to be tried later: a 4yz reply to the SMTP
	 * greeting or EHLO (RFC 5321 section 4.2.1), 421 from SMTP or FTP at any point, or its protocol's word
	 * for it (IMAP, POP3, LDAP). Mail servers say it to an address that holds more connections than they
	 * allow, which is a matter of how the audit connects, not of the certificate.
	 */
	TRY_LATER("the server said to try again later"),
	/**
	 * The server offered STARTTLS and answered it with a transient refusal of TLS itself: SMTP's 454 (RFC
	 * 3207 section 4), FTP's 431. Repeated on every attempt, clients get no TLS from it either.
	 */
	STARTTLS_DEFERRED("the service put STARTTLS off for now, on every attempt"),
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

	/**
	 * The outcome with the reason the visit gave, said once: the JDK's own words for a refused connection
	 * ("Connection refused") are this outcome's description, and a reader should not read them twice.
	 */
	public String explained(String detail) {
		if (detail == null || detail.isBlank() || detail.strip().equalsIgnoreCase(this.description)) {
			return this.description;
		}
		return this.description + ": " + detail;
	}

	/**
	 * Whether the endpoint could not be reached at all, or would not let the audit in, as opposed to
	 * answering wrongly.
	 */
	public boolean unreachable() {
		return this == DNS_FAILURE || this == REFUSED || this == TIMEOUT || this == STALLED || this == IO_ERROR
				|| this == TRY_LATER;
	}

	/**
	 * Whether another attempt may end differently: a refused, reset or timed-out connection is often a
	 * restarting server, a full accept queue or lost packets, and a server that said "try later" asked
	 * for exactly that, whereas a name that does not exist, a handshake alert, or a service that does not
	 * speak TLS or refuses STARTTLS for good will answer the same way again. A stalled handshake is not
	 * retried either: the server took the connection and sat on it, as it will again, and each attempt
	 * would cost a whole handshake timeout, so a black hole costs one timeout only.
	 */
	public boolean transientFailure() {
		return this == REFUSED || this == TIMEOUT || this == IO_ERROR || saidTryLater();
	}

	/**
	 * Whether the server answered with a 4yz reply or its protocol's word for one: asked to be tried
	 * later, and so a sign that its address takes fewer connections at once than the audit opened.
	 */
	public boolean saidTryLater() {
		return this == TRY_LATER || this == STARTTLS_DEFERRED;
	}

}
