package dev.certaudit.probe;

import java.time.Duration;

/**
 * Time limits and retries for one visit, so a dead or hostile host costs little and a flaky one gets
 * another chance.
 * @param connectTimeout how long to wait for the TCP connection
 * @param dialogueTimeout how long a STARTTLS protocol's plain-text opening may take in all, from the
 * connection to the server's agreement, however the peer drips its bytes: longer than the handshake's,
 * since mail servers hold their greeting back on purpose (a spam tarpit such as exim's {@code delay} in
 * {@code acl_smtp_connect}) while a handshake that slow is a broken one
 * @param handshakeTimeout how long the whole TLS handshake may take, however the peer drips its bytes
 * @param retries how often a visit that failed for a transient reason is tried again
 * @param politeness how hard one address may be hit, whatever the run's concurrency
 * @param maxChainLength the most certificates a server may send; a server that sends more is judged on
 * nothing, as no client would take its chain either
 * @param rsaSecondLook after an ECDSA leaf, visit once more offering only RSA, to see the certificate a
 * dual-certificate server gives RSA-only clients
 */
public record FetchSettings(Duration connectTimeout, Duration dialogueTimeout, Duration handshakeTimeout,
		Retries retries, Politeness politeness, int maxChainLength, boolean rsaSecondLook) {

	/**
	 * Far above any real chain (a leaf, two or three intermediates, perhaps a cross-signed root), and
	 * above the 10 the JDK's own client allows: a server that sends its CA bundle whole must still be
	 * judged, while a hostile one cannot make the audit parse thousands.
	 */
	public static final int DEFAULT_MAX_CHAIN_LENGTH = 100;

	public FetchSettings(Duration connectTimeout, Duration dialogueTimeout, Duration handshakeTimeout,
			Retries retries, Politeness politeness) {
		this(connectTimeout, dialogueTimeout, handshakeTimeout, retries, politeness, DEFAULT_MAX_CHAIN_LENGTH, true);
	}

	/** Settings without a per-address limit, for audits of one endpoint at a time. */
	public FetchSettings(Duration connectTimeout, Duration dialogueTimeout, Duration handshakeTimeout,
			Retries retries) {
		this(connectTimeout, dialogueTimeout, handshakeTimeout, retries, Politeness.UNLIMITED);
	}

	/**
	 * A run with thousands of handshakes in flight must not open hundreds of connections to one SMTP or
	 * VPN gateway: gateways rate-limit, lock out or alarm on that, and a refused audit is no audit.
	 * @param perAddress connections open at once to one address, until it answers "try later"
	 * @param gap the least time between the starts of two connections to one address
	 */
	public record Politeness(int perAddress, Duration gap) {

		public static final Politeness UNLIMITED = new Politeness(Integer.MAX_VALUE, Duration.ZERO);

		public Politeness {
			if (perAddress < 1) {
				throw new IllegalArgumentException("connections per address must be at least 1, got " + perAddress);
			}
			if (gap.isNegative()) {
				throw new IllegalArgumentException("the gap between connections must not be negative");
			}
		}

	}

	/**
	 * Further attempts after a transient failure (refused, reset, timed out, told to try later), each
	 * after a pause that doubles from {@code backoff} up to {@code maxBackoff}: a server restarting, a full
	 * accept queue or a mail server over its connection limit usually recovers within seconds, and
	 * doubling keeps a struggling server from being hammered.
	 * @param count attempts after the first; 0 for a single attempt
	 */
	public record Retries(int count, Duration backoff, Duration maxBackoff) {

		public Retries {
			if (count < 0) {
				throw new IllegalArgumentException("retries must not be negative, got " + count);
			}
			if (backoff.isNegative() || maxBackoff.isNegative()) {
				throw new IllegalArgumentException("retry backoff must not be negative");
			}
		}

		/** The pause before retry {@code retry} (1 for the first retry): backoff x 2^(retry-1), capped. */
		public Duration delayBefore(int retry) {
			if (retry < 1) {
				throw new IllegalArgumentException("retries count from 1, got " + retry);
			}
			Duration delay = this.backoff;
			for (int i = 1; i < retry && delay.compareTo(this.maxBackoff) < 0; i++) {
				delay = delay.multipliedBy(2);
			}
			return (delay.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : delay;
		}

	}

}
