package dev.certaudit.analysis;

/**
 * The verdict on one endpoint, ordered by how soon someone must act: reports list endpoints in this
 * order, and the run's exit code follows the most urgent status present.
 */
public enum Status {

	/** The certificate could not be fetched: DNS, refused, timeout, not TLS, handshake failure. */
	ERROR,
	EXPIRED,
	NOT_YET_VALID,
	CRITICAL,
	WARNING,
	OK;

	public boolean needsAction() {
		return this != OK;
	}

}
