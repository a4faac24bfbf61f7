package dev.certaudit.analysis.rules;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * A presented certificate names another presented certificate as its issuer, but no certificate of that
 * name verifies its signature: typically an intermediate re-keyed by the CA while the server still sends
 * the old one. Every client rejects the chain. A signature the JVM cannot check at all (an algorithm it
 * no longer offers) is not called bad here.
 */
public final class BadSignatureRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_CHAIN_BAD_SIGNATURE", 110,
			"a presented certificate's signature does not verify with the key of the presented certificate it names as issuer",
			"The certificate chain is broken: its signatures do not match.",
			"RFC 5280 6.1.3 (a)(1): each certificate's signature must verify with the public key of its issuer",
			"Serve the issuing CA certificate that matches the key the certificate was signed with (download the current chain from your CA), or re-issue the certificate.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.presented().size() > 1;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		List<X509Certificate> presented = evidence.presented();
		return presented.stream()
			.filter((certificate) -> !Certificates.isSelfIssued(certificate))
			.filter((certificate) -> hasBadSignature(certificate, presented))
			.map((certificate) -> "the signature of " + Certificates.subject(certificate)
					+ " does not verify with the key of its issuer " + Certificates.issuer(certificate))
			.collect(Rule.joinedProblems());
	}

	private static boolean hasBadSignature(X509Certificate certificate, List<X509Certificate> presented) {
		List<X509Certificate> named = presented.stream()
			.filter((candidate) -> candidate != certificate
					&& candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal()))
			.toList();
		return !named.isEmpty() && named.stream().allMatch((issuer) -> refuses(certificate, issuer));
	}

	private static boolean refuses(X509Certificate certificate, X509Certificate issuer) {
		try {
			certificate.verify(issuer.getPublicKey());
			return false;
		}
		catch (SignatureException | InvalidKeyException ex) {
			return true;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

}
