package dev.certaudit.analysis;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/** Reading facts off X.509 certificates. */
public final class Certificates {

	private static final int SAN_DNS = 2;

	private static final int SAN_IP = 7;

	private Certificates() {
	}

	public static List<String> dnsNames(X509Certificate certificate) {
		return altNames(certificate, SAN_DNS);
	}

	public static List<String> ipAddresses(X509Certificate certificate) {
		return altNames(certificate, SAN_IP);
	}

	/** DNS names then IP addresses, as reports list them. */
	public static List<String> subjectAltNames(X509Certificate certificate) {
		List<String> names = new ArrayList<>(dnsNames(certificate));
		names.addAll(ipAddresses(certificate));
		return names;
	}

	private static List<String> altNames(X509Certificate certificate, int type) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			if (names == null) {
				return List.of();
			}
			return names.stream()
				.filter((entry) -> ((Integer) entry.get(0)) == type)
				.map((entry) -> String.valueOf(entry.get(1)))
				.toList();
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
	}

	/** Issuer and subject are the same name, which RFC 5280 6.1 calls self-issued, whoever signed it. */
	public static boolean isSelfIssued(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
	}

	/** Self-issued and verifiable with its own key: a root, or a leaf someone made themselves. */
	public static boolean isSelfSigned(X509Certificate certificate) {
		return isSelfIssued(certificate) && signedBy(certificate, certificate);
	}

	/**
	 * The presented certificates from the leaf upwards, each the issuer of the one before, in whatever
	 * order the server sent them. Issuers are matched by name, preferring one whose key verifies the
	 * signature, so a certificate with a bad signature still counts as sent for its place; the path stops
	 * at a self-issued certificate or where no presented certificate bears the issuer's name.
	 */
	public static List<X509Certificate> issuerPath(List<X509Certificate> presented) {
		List<X509Certificate> path = new ArrayList<>();
		X509Certificate current = presented.get(0);
		path.add(current);
		while (!isSelfIssued(current)) {
			X509Certificate child = current;
			List<X509Certificate> named = presented.stream()
				.filter((candidate) -> path.stream().noneMatch((onPath) -> onPath == candidate))
				.filter((candidate) -> candidate.getSubjectX500Principal().equals(child.getIssuerX500Principal()))
				.toList();
			if (named.isEmpty()) {
				break;
			}
			current = named.stream().filter((candidate) -> signedBy(child, candidate)).findFirst().orElse(named.get(0));
			path.add(current);
		}
		return path;
	}

	/** A CA certificate (basicConstraints cA), as intermediates and roots are. */
	public static boolean isCertificateAuthority(X509Certificate certificate) {
		return certificate.getBasicConstraints() >= 0;
	}

	public static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
		if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
			return false;
		}
		try {
			certificate.verify(issuer.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	public static String sha256(X509Certificate certificate) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The key as people name it: {@code RSA 2048}, {@code EC 256} (field size), {@code DSA 1024}, {@code Ed25519}. */
	public static String keyDescription(X509Certificate certificate) {
		PublicKey key = certificate.getPublicKey();
		if (key instanceof RSAPublicKey rsa) {
			return "RSA " + rsa.getModulus().bitLength();
		}
		if (key instanceof ECPublicKey ec) {
			return "EC " + ec.getParams().getCurve().getField().getFieldSize();
		}
		if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
			return "DSA " + dsa.getParams().getP().bitLength();
		}
		return key.getAlgorithm();
	}

	public static String subject(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}

	public static String issuer(X509Certificate certificate) {
		return certificate.getIssuerX500Principal().getName();
	}

}
