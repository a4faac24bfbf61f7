package dev.certaudit.probe;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What one visit to an endpoint, or one read of a certificate file, brought back.
 * @param address the address actually connected to, or null when the name did not resolve or for a file
 * @param chain the certificates exactly as presented, leaf first, parsed once here for the analysis on
 * the same thread; empty unless fetched
 * @param detail the underlying error message when not fetched
 * @param handshake what the TLS handshake showed besides the chain; null for a file or a failed visit
 * @param keyMatches for a certificate file holding a private key, whether that key belongs to the
 * leaf; null when there is no key (always for an endpoint). The key itself is never kept.
 * @param attempts how many times the endpoint was visited: more than one when transient failures
 * (refused, reset, timed out) were retried; the other fields describe the last visit
 */
public record ProbeResult(String address, ProbeOutcome outcome, String detail, List<X509Certificate> chain,
		Handshake handshake, Instant fetchedAt, long durationMillis, Boolean keyMatches, int attempts) {

	public ProbeResult {
		chain = List.copyOf(chain);
		if (attempts < 1) {
			throw new IllegalArgumentException("a probe makes at least one attempt, got " + attempts);
		}
	}

	/** What one visit to an endpoint brought back: a server never shows its private key. */
	public ProbeResult(String address, ProbeOutcome outcome, String detail, List<X509Certificate> chain,
			Handshake handshake, Instant fetchedAt, long durationMillis) {
		this(address, outcome, detail, chain, handshake, fetchedAt, durationMillis, null, 1);
	}

	/** What a visit whose handshake showed only its protocol and suite brought back. */
	public ProbeResult(String address, ProbeOutcome outcome, String detail, List<X509Certificate> chain,
			String tlsProtocol, String cipherSuite, Instant fetchedAt, long durationMillis) {
		this(address, outcome, detail, chain, new Handshake(tlsProtocol, cipherSuite), fetchedAt, durationMillis);
	}

	/** What one read of a certificate file brought back: no handshake, perhaps a private key. */
	public static ProbeResult file(List<X509Certificate> chain, Instant readAt, long durationMillis,
			Boolean keyMatches) {
		return new ProbeResult(null, ProbeOutcome.FETCHED, null, chain, null, readAt, durationMillis, keyMatches, 1);
	}

	public String tlsProtocol() {
		return (this.handshake != null) ? this.handshake.protocol() : null;
	}

	public String cipherSuite() {
		return (this.handshake != null) ? this.handshake.cipherSuite() : null;
	}

	/** The key exchange as reports show it ({@code x25519}, {@code RSA key transport}); null when unknown. */
	public String keyExchange() {
		return (this.handshake != null && this.handshake.keyExchange() != null)
				? this.handshake.keyExchange().toString() : null;
	}

	/** This result as the last of {@code attempts} visits. */
	ProbeResult afterAttempts(int attempts) {
		return new ProbeResult(this.address, this.outcome, this.detail, this.chain, this.handshake, this.fetchedAt,
				this.durationMillis, this.keyMatches, attempts);
	}

	/** A name that discovery could not resolve: nothing to connect to. */
	public static ProbeResult unresolved(String detail) {
		return failed(null, ProbeOutcome.DNS_FAILURE, detail, Instant.now());
	}

	static ProbeResult failed(String address, ProbeOutcome outcome, String detail, Instant started) {
		return new ProbeResult(address, outcome, detail, List.of(), (Handshake) null, started, elapsedSince(started));
	}

	static long elapsedSince(Instant started) {
		return Math.max(0, Instant.now().toEpochMilli() - started.toEpochMilli());
	}

}
