package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.probe.ProbeOutcome;

/**
 * A certificate file that cannot be opened or parsed (wrong password, damaged, not a certificate):
 * whatever is meant to load it will fail the same way.
 */
public final class CertificateFileUnreadableRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CERT_FILE_UNREADABLE", 140,
			"a certificate file cannot be read or parsed: wrong or missing PKCS#12 password, damaged, or not a certificate file (`--certs`)",
			"The certificate file cannot be read: wrong password, damaged, or not a certificate.",
			"RFC 7468 (PEM), RFC 5280 4.1 (DER) and RFC 7292 (PKCS#12): a server or keystore loading the file fails the same way",
			"Check that the file is a PEM, DER or PKCS#12 certificate file, and for PKCS#12 that CERT_AUDIT_CERT_FILES_PASSWORD holds its password; replace it with a good copy otherwise.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.outcome() == ProbeOutcome.FILE_UNREADABLE;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		return Optional.of(evidence.outcome().explained(evidence.fetchDetail()));
	}

}
