package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.analysis.revocation.RevocationStatus;

/**
 * The leaf's issuer says, by a signed OCSP response or CRL, that it revoked the leaf: clients that
 * check revocation refuse it, and the CA has said its key must not be trusted.
 */
public final class CertificateRevokedRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CERT_REVOKED", 160,
			"the leaf's issuer says it revoked the leaf, in the OCSP response the server staples, or by OCSP or CRL (with `cert-audit.revocation.enabled`); with the date and reason",
			"The issuing authority has withdrawn the certificate: clients refuse it.",
			"RFC 6960 2.2 (OCSP status revoked), RFC 6066 8 (stapled OCSP) and RFC 5280 5.3.1 and 6.3 (CRL entries and their reasons)",
			"Issue a new certificate for a new private key and install it now; if the reason is keyCompromise, find out how the key leaked.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain() && (evidence.revocation() != null || evidence.stapled() != null);
	}

	/** The server's own staple first: it is what the server's clients are told. */
	@Override
	public Optional<String> check(Evidence evidence) {
		RevocationStatus.Revoked revoked = (evidence.stapled() instanceof RevocationStatus.Revoked stapled) ? stapled
				: (evidence.revocation() instanceof RevocationStatus.Revoked asked) ? asked : null;
		if (revoked == null) {
			return Optional.empty();
		}
		return Optional.of("revoked on " + revoked.revokedAt() + " (reason: " + revoked.reason() + ", according to "
				+ revoked.source() + ")");
	}

}
