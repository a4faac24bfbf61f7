package dev.certaudit.probe;

import java.time.Instant;
import java.util.List;

/**
 * What one visit to an endpoint brought back.
 * @param address the address actually connected to, or null when the name did not resolve
 * @param chainPem the certificates exactly as presented, leaf first, PEM-encoded; empty unless fetched
 * @param detail the underlying error message when not fetched
 */
public record ProbeResult(String address, ProbeOutcome outcome, String detail, List<String> chainPem,
		String tlsProtocol, String cipherSuite, Instant fetchedAt, long durationMillis) {

	public ProbeResult {
		chainPem = List.copyOf(chainPem);
	}

	/** A name that discovery could not resolve: nothing to connect to. */
	public static ProbeResult unresolved(String detail) {
		return failed(null, ProbeOutcome.DNS_FAILURE, detail, Instant.now());
	}

	static ProbeResult failed(String address, ProbeOutcome outcome, String detail, Instant started) {
		return new ProbeResult(address, outcome, detail, List.of(), null, null, started, elapsedSince(started));
	}

	static long elapsedSince(Instant started) {
		return Math.max(0, Instant.now().toEpochMilli() - started.toEpochMilli());
	}

}
