package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The leaf has no subjectAltName extension, so it names its host only in the subject's CN. RFC 6125
 * left the CN as a last resort, and the clients people use have since dropped it: such a certificate
 * fails in browsers and modern libraries even where its CN matches the name exactly.
 */
public final class SubjectAltNameMissingRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CERT_NO_SUBJECT_ALT_NAME", 65,
			"the leaf has no subjectAltName (CN only), which browsers and modern clients reject even when the CN matches",
			"The certificate lacks the list of names that browsers require, so they reject it.",
			"CA/Browser Forum Baseline Requirements 7.1.2.7.12 (subjectAltName required); RFC 6125 6.4.4 (CN only as a last resort); Chrome 58, Firefox, Safari on iOS 13 and macOS 10.15, and Go 1.15 no longer read the CN",
			"Issue a certificate that lists every name clients use in its subject alternative names (any CA does by default; for a self-made certificate, add -addext subjectAltName=DNS:name to openssl req), and install it here.");

	/** id-ce-subjectAltName (RFC 5280 4.2.1.6). */
	private static final String SUBJECT_ALT_NAME = "2.5.29.17";

	private static final String REJECTING_CLIENTS = "Chrome, Edge, Firefox, Safari, Go and other modern clients reject it";

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.hasChain();
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		if (evidence.leaf().getExtensionValue(SUBJECT_ALT_NAME) != null) {
			return Optional.empty();
		}
		return Optional.of(Certificates.subject(evidence.leaf()) + " has no subjectAltName and names its host only in"
				+ " the CN: " + REJECTING_CLIENTS + ((evidence.host() != null) ? " for " + evidence.host() : "")
				+ " even where the CN matches");
	}

}
