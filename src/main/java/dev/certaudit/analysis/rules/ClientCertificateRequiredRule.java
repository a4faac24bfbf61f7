package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The server asks for a client certificate (mutual TLS), so only clients holding one get through. The
 * chain it sent before asking is judged as any other; this only says why the handshake then ended.
 */
public final class ClientCertificateRequiredRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("INFO_CLIENT_CERTIFICATE_REQUIRED", 30,
			"the server asks for a client certificate; cert-audit sends none and judges the chain the server sent first",
			"The server asks clients for a certificate of their own.",
			"RFC 5246 7.4.4 and RFC 8446 4.3.2 (CertificateRequest): the server sends its own chain before it asks for the client's",
			"Nothing to do if clients are meant to present certificates here; otherwise stop requiring them on this endpoint.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.handshake() != null && evidence.handshake().clientCertificateRequested();
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		String ending = evidence.handshake().failedAfterChain();
		return Optional.of("the server asks for a client certificate"
				+ ((ending != null) ? " and ended the handshake without one (" + ending + ")" : "")
				+ "; its own chain was judged as sent");
	}

}
