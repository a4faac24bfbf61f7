package dev.certaudit.probe;

import java.time.Instant;
import java.util.List;

/**
 * What one visit to an endpoint, or one read of a certificate file, brought back.
 * @param address the address actually connected to, or null when the name did not resolve or for a file
 * @param chainPem the certificates exactly as presented, leaf first, PEM-encoded; empty unless fetched
 * @param detail the underlying error message when not fetched
 * @param keyMatches for a certificate file holding a private key, whether that key belongs to the
 * leaf; null when there is no key (always for an endpoint). The key itself is never kept.
 */
public record ProbeResult(String address, ProbeOutcome outcome, String detail, List<String> chainPem,
		String tlsProtocol, String cipherSuite, Instant fetchedAt, long durationMillis, Boolean keyMatches) {

	public ProbeResult {
		chainPem = List.copyOf(chainPem);
	}

	/** What a network probe brought back: a server never shows its private key. */
	public ProbeResult(String address, ProbeOutcome outcome, String detail, List<String> chainPem, String tlsProtocol,
			String cipherSuite, Instant fetchedAt, long durationMillis) {
		this(address, outcome, detail, chainPem, tlsProtocol, cipherSuite, fetchedAt, durationMillis, null);
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
