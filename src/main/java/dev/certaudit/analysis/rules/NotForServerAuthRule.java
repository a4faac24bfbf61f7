package dev.certaudit.analysis.rules;

import java.security.cert.CertificateParsingException;
import java.util.List;
import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The leaf's extensions do not allow TLS server authentication (RFC 5280 4.2.1.3 and 4.2.1.12): an
 * extended key usage without serverAuth or anyExtendedKeyUsage, or a key usage with neither
 * digitalSignature (ECDHE and TLS 1.3) nor keyEncipherment (RSA key exchange). Strict clients refuse it.
 */
public final class NotForServerAuthRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("WARN_CERT_NOT_FOR_SERVER_AUTH", 60,
			"the leaf's extended key usage lacks serverAuth, or its key usage has neither digitalSignature nor keyEncipherment",
			"The certificate is not meant for servers, so some clients reject it.",
			"RFC 5280 4.2.1.3 (key usage) and 4.2.1.12 (extended key usage)",
			"Request a TLS server certificate: extended key usage serverAuth and key usage digitalSignature (plus keyEncipherment for RSA keys).");

	private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

	private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

	private static final int DIGITAL_SIGNATURE = 0;

	private static final int KEY_ENCIPHERMENT = 2;

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
		String subject = Certificates.subject(evidence.leaf());
		List<String> purposes;
		try {
			purposes = evidence.leaf().getExtendedKeyUsage();
		}
		catch (CertificateParsingException ex) {
			return Optional.of(subject + " has an extended key usage that cannot be parsed: " + ex.getMessage());
		}
		if (purposes != null && !purposes.contains(SERVER_AUTH) && !purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
			return Optional.of(subject + " has an extended key usage without serverAuth: " + String.join(", ", purposes));
		}
		boolean[] usage = evidence.leaf().getKeyUsage();
		if (usage != null && !flag(usage, DIGITAL_SIGNATURE) && !flag(usage, KEY_ENCIPHERMENT)) {
			return Optional.of(subject + " has a key usage with neither digitalSignature nor keyEncipherment");
		}
		return Optional.empty();
	}

	private static boolean flag(boolean[] usage, int bit) {
		return usage.length > bit && usage[bit];
	}

}
