package dev.certaudit.history;

import java.time.Instant;

import dev.certaudit.analysis.Status;

/**
 * One endpoint's change between two runs; the {@code before} and {@code now} sides are null where the
 * endpoint was not audited.
 * @param owner the endpoint's owner as the newer inventory names it (the older one for a disappeared endpoint)
 */
public record EndpointChange(ChangeKind kind, String host, int port, String protocol, String address, String owner,
		Side before, Side now) {

	/** What one run saw at the endpoint. */
	public record Side(Status status, String serialNumber, String sha256, Instant notAfter) {
	}

}
