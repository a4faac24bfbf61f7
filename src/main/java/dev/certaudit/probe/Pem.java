package dev.certaudit.probe;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/** PEM text for certificates, the form chains are kept in so any tool can read them back. */
public final class Pem {

	private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, new byte[] { '\n' });

	private Pem() {
	}

	public static String encode(Certificate certificate) {
		try {
			return "-----BEGIN CERTIFICATE-----\n" + ENCODER.encodeToString(certificate.getEncoded())
					+ "\n-----END CERTIFICATE-----\n";
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalArgumentException("Certificate cannot be encoded", ex);
		}
	}

	/** A chain as the database keeps it: its PEM blocks one after the other, leaf first; null for none. */
	public static String join(List<X509Certificate> chain) {
		return chain.isEmpty() ? null : String.join("\n", chain.stream().map(Pem::encode).toList());
	}

	/** The chain {@link #join} kept, in its order; empty for null. */
	public static List<X509Certificate> chain(String joined) throws CertificateException {
		if (joined == null || joined.isBlank()) {
			return List.of();
		}
		return CertificateFactory.getInstance("X.509")
			.generateCertificates(new ByteArrayInputStream(joined.getBytes(StandardCharsets.US_ASCII)))
			.stream()
			.map(X509Certificate.class::cast)
			.toList();
	}

}
