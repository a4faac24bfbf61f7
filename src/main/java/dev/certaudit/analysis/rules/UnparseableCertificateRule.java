package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.probe.ProbeOutcome;

/** The server sent a certificate this JVM cannot parse: most clients cannot either. */
public final class UnparseableCertificateRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CERT_UNPARSEABLE", 20,
			"a presented certificate cannot be parsed",
			"The server sends a damaged certificate that clients cannot read.",
			"RFC 5280 4.1: a certificate is DER-encoded ASN.1; what the JDK's X.509 parser refuses, most clients' parsers refuse too",
			"Re-issue the certificate with a standard-conforming CA and install it with its full chain.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.outcome() == ProbeOutcome.FETCHED && !evidence.hasChain();
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		return Optional.of("certificate cannot be parsed: " + evidence.fetchDetail());
	}

}
