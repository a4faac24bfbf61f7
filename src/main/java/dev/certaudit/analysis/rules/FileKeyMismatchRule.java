package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The private key in a certificate file is not the other half of its certificate's public key: a
 * server given this file cannot complete a handshake with that certificate.
 */
public final class FileKeyMismatchRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_FILE_KEY_MISMATCH", 150,
			"a certificate file's private key does not belong to its leaf (`--certs`)",
			"The private key kept with the certificate does not belong to it.",
			"RFC 8446 4.4.3 and RFC 5246 7.4.3: the server proves in every handshake that it holds the private key of its certificate",
			"Put the private key the certificate was issued for beside it (or re-issue the certificate for this key), and deploy the pair together.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain() && evidence.keyMatches() != null;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		if (evidence.keyMatches()) {
			return Optional.empty();
		}
		return Optional.of("the file's private key does not belong to its certificate " + Certificates.subject(evidence.leaf())
				+ " (no certificate in the file matches the key)");
	}

}
