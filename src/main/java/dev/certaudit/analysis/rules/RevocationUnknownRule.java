package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleId;
import dev.certaudit.analysis.revocation.RevocationStatus;

/**
 * Revocation checking was asked for but neither OCSP nor a CRL gave an answer signed by the leaf's
 * issuer: the leaf may be revoked without anyone here knowing.
 */
public final class RevocationUnknownRule implements Rule {

	private static final RuleId ID = new RuleId("WARN_REVOCATION_UNKNOWN");

	@Override
	public RuleId id() {
		return ID;
	}

	@Override
	public String remediation() {
		return "Make sure this host can reach the CA's OCSP responder and CRL over HTTP, or ask the CA why its answers are missing or do not verify.";
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
