package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.HostnameMatcher;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.inventory.IpLiterals;

/**
 * The leaf does not cover the name clients use (RFC 6125): browsers and mail clients refuse it. A
 * certificate file has no such name, so this rule leaves it alone.
 */
public final class HostnameMismatchRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_HOSTNAME_MISMATCH", 60,
			"the name is not covered by the SAN (RFC 6125; wildcard covers one label; CN only without SAN)",
			"The certificate was issued for other names, so clients reject it here.",
			"RFC 6125 6.4: the name must match a DNS name of the subject alternative names, a wildcard only its left-most label (6.4.3), the CN only when there are none (6.4.4); RFC 2818 3.1 for HTTPS",
			"Issue a certificate whose subject alternative names include this name (or a wildcard for its parent domain), and install it here.");

	private static final String NO_SNI = "; no SNI sent: the server refused the name in SNI, so this is its default"
			+ " certificate";

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.host() != null && evidence.hasChain();
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		if (HostnameMatcher.matches(evidence.host(), evidence.leaf())) {
			return Optional.empty();
		}
		var names = Certificates.subjectAltNames(evidence.leaf());
		// a server that refused the name in SNI (Java servers refuse underscores) sent its default certificate
		boolean refusedSni = evidence.handshake() != null && !evidence.handshake().serverNameSent()
				&& !IpLiterals.isIpLiteral(evidence.host());
		return Optional.of(evidence.host() + " is not covered by the certificate ("
				+ (names.isEmpty() ? "subject " + Certificates.subject(evidence.leaf()) : "names: " + String.join(", ", names))
				+ ")" + (refusedSni ? NO_SNI : ""));
	}

}
