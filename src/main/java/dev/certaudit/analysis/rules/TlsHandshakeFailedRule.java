package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.probe.ProbeOutcome;

/**
 * The endpoint answered but no TLS session could be established: not TLS at all, STARTTLS declined (for
 * good, or for now on every attempt, as Postfix answers 454 when it cannot load its certificate or key)
 * or not offered, or a handshake failure.
 */
public final class TlsHandshakeFailedRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_TLS_HANDSHAKE_FAILED", 10,
			"the endpoint answers but not with TLS, declines or does not offer STARTTLS, or the handshake fails",
			"The service does not set up a secure connection, so no client can use it safely.",
			"RFC 8446 and RFC 5246 (the TLS handshake); STARTTLS as RFC 3207 (SMTP), RFC 2595 (IMAP, POP3), RFC 4511 4.14 (LDAP) and RFC 4217 (FTP) define it",
			"Check that the service listens with TLS on this port (or offers STARTTLS with the inventory protocol), that its certificate and key are installed, and what its log says of the failed handshake.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return (!evidence.hasChain() && !evidence.outcome().unreachable() && evidence.outcome() != ProbeOutcome.FETCHED
				&& evidence.outcome() != ProbeOutcome.FILE_UNREADABLE) || failedAfterChain(evidence);
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		if (failedAfterChain(evidence)) {
			return Optional.of("TLS handshake failed after the server sent its certificate, which was judged: "
					+ evidence.handshake().failedAfterChain());
		}
		return Optional.of(evidence.outcome().explained(evidence.fetchDetail()));
	}

	/** A server asking for a client certificate ends the handshake for a reason of its own, said elsewhere. */
	private static boolean failedAfterChain(Evidence evidence) {
		return evidence.handshake() != null && evidence.handshake().failedAfterChain() != null
				&& !evidence.handshake().clientCertificateRequested();
	}

}
