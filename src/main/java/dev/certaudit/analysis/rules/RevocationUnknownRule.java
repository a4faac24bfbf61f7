package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.analysis.revocation.RevocationStatus;

/**
 * Revocation checking was asked for but neither OCSP nor a CRL gave an answer signed by the leaf's
 * issuer: the leaf may be revoked without anyone here knowing.
 */
public final class RevocationUnknownRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("WARN_REVOCATION_UNKNOWN", 70,
			"revocation checking is on but neither OCSP nor a CRL gave an answer signed by the issuer: no responder URL, timeout, bad signature, stale answer ...",
			"Whether the certificate was withdrawn could not be confirmed.",
			"RFC 6960 4.2.2.2 (who may sign an OCSP response) and RFC 5280 6.3.3 (CRL validation): only the issuer's answers count",
			"Make sure this host can reach the CA's OCSP responder and CRL over HTTP, or ask the CA why its answers are missing or do not verify.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain() && evidence.revocation() != null;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		if (!(evidence.revocation() instanceof RevocationStatus.Unknown unknown)) {
			return Optional.empty();
		}
		return Optional.of("revocation status unknown: " + unknown.why());
	}

}
