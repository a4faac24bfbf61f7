package dev.certaudit.analysis.rules;

import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.PerCertificateRule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The leaf or a presented intermediate has a key below what the CA/Browser Forum Baseline Requirements
 * 6.1.5 allow: RSA under 2048 bits, EC under 256 bits, or DSA at all (not among the algorithms 6.1.5
 * permits). Roots the server sends are left out: clients use their own copy, and its key is their store's
 * business.
 */
public final class WeakKeyRule implements PerCertificateRule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_KEY_WEAK", 120,
			"the leaf or a presented intermediate has an RSA key under 2048 bits, an EC key under 256 bits, or a DSA key",
			"The certificate uses a key too weak to be safe.",
			"CA/Browser Forum Baseline Requirements 6.1.5 (key sizes and algorithms)",
			"Generate a new key of at least RSA 2048 bits or EC P-256, have the certificate re-issued for it, and ask your CA for intermediates with strong keys.");

	private static final int MINIMUM_RSA_BITS = 2048;

	private static final int MINIMUM_EC_BITS = 256;

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public Optional<String> problem(X509Certificate certificate) {
		PublicKey key = certificate.getPublicKey();
		String subject = Certificates.subject(certificate);
		if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MINIMUM_RSA_BITS) {
			return Optional.of(subject + " has a " + rsa.getModulus().bitLength() + "-bit RSA key");
		}
		if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() < MINIMUM_EC_BITS) {
			return Optional.of(subject + " has a " + ec.getParams().getCurve().getField().getFieldSize() + "-bit EC key");
		}
		if (key instanceof DSAPublicKey || "DSA".equals(key.getAlgorithm())) {
			return Optional.of(subject + " has a DSA key");
		}
		return Optional.empty();
	}

}
