package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.PerCertificateRule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The leaf or a presented intermediate is signed with MD5 or SHA-1 (or MD2), whose collisions let an
 * attacker forge a certificate; CA/Browser Forum Baseline Requirements 7.1.3.2 allow neither, and browsers
 * refuse such chains. A self-signed root's own signature is left out: nobody verifies it.
 */
public final class WeakSignatureRule implements PerCertificateRule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_SIGNATURE_WEAK", 130,
			"the leaf or a presented intermediate is signed with MD5 or SHA-1 (or MD2; a sent root's self-signature is not judged)",
			"The certificate is signed with an outdated method that clients reject.",
			"CA/Browser Forum Baseline Requirements 7.1.3.2 (signature algorithms); RFC 3279 and RFC 5758 name the algorithms; browsers refuse such chains",
			"Have the certificate re-issued with a SHA-256 (or stronger) signature, and serve your CA's current SHA-256 intermediates.");

	/** md2/md5/sha1WithRSAEncryption, ecdsa-with-SHA1, dsa-with-sha1 (RFC 3279, RFC 5758). */
	private static final Set<String> WEAK_OIDS = Set.of("1.2.840.113549.1.1.2", "1.2.840.113549.1.1.4",
			"1.2.840.113549.1.1.5", "1.2.840.10045.4.1", "1.2.840.10040.4.3");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public Optional<String> problem(X509Certificate certificate) {
		if (!isWeak(certificate)) {
			return Optional.empty();
		}
		return Optional.of(Certificates.subject(certificate) + " is signed with " + certificate.getSigAlgName());
	}

	private static boolean isWeak(X509Certificate certificate) {
		String name = String.valueOf(certificate.getSigAlgName()).toUpperCase(Locale.ROOT);
		return WEAK_OIDS.contains(certificate.getSigAlgOID()) || name.startsWith("MD5") || name.startsWith("MD2")
				|| name.startsWith("SHA1WITH");
	}

}
