package dev.certaudit.analysis;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A PKIX validation failure in words an operator can act on, naming the certificate at fault and, for a
 * constraint, the CA that set it (RFC 5280 6.1.3 and 6.1.4), followed by the validator's own message.
 */
final class PathFailure {

	/** id-ce-nameConstraints (RFC 5280 4.2.1.10). */
	private static final String NAME_CONSTRAINTS = "2.5.29.30";

	private PathFailure() {
	}

	/**
	 * @param at the certificate the validator stopped at, or null when it names none
	 * @param above the certificates of the path above it, nearest first, among which a constraint was set
	 */
	static String describe(CertPathValidatorException failure, X509Certificate at, List<X509Certificate> above) {
		String pkix = "(PKIX: " + failure.getMessage() + ")";
		if (at == null) {
			return pkix.substring(1, pkix.length() - 1);
		}
		String subject = Certificates.subject(at);
		String words = switch (failure.getReason()) {
			case PKIXReason.INVALID_NAME -> subject + " is outside the names "
					+ constraining(above).map((ca) -> ca + " may issue for").orElse("a CA above it may issue for")
					+ " (name constraints)";
			case PKIXReason.PATH_TOO_LONG -> subject + " is below more CAs than the path length limit of a CA above"
					+ " it allows (basicConstraints pathLenConstraint)";
			case PKIXReason.NOT_CA_CERT -> subject + " issues certificates but is not a CA (basicConstraints)";
			case PKIXReason.INVALID_KEY_USAGE -> subject + " has a key usage that does not allow what it is used for";
			case PKIXReason.INVALID_POLICY, PKIXReason.NO_TRUST_ANCHOR -> subject
					+ " does not meet the certificate policies the CAs above it require";
			case PKIXReason.UNRECOGNIZED_CRIT_EXT -> subject + " has a critical extension that clients do not understand";
			case BasicReason.EXPIRED -> subject + " has expired";
			case BasicReason.NOT_YET_VALID -> subject + " is not yet valid";
			case BasicReason.INVALID_SIGNATURE -> subject + " has a signature that does not verify with its issuer's key";
			case BasicReason.REVOKED -> subject + " is revoked";
			case BasicReason.ALGORITHM_CONSTRAINED -> subject + " uses an algorithm or key size clients no longer accept";
			default -> subject + " fails validation";
		};
		return words + " " + pkix;
	}

	/** The nearest CA above that sets name constraints. */
	private static Optional<String> constraining(List<X509Certificate> above) {
		return above.stream()
			.filter((certificate) -> certificate.getExtensionValue(NAME_CONSTRAINTS) != null)
			.findFirst()
			.map(Certificates::subject);
	}

}
