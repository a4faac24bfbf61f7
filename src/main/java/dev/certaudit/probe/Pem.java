package dev.certaudit.probe;

import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;

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

}
