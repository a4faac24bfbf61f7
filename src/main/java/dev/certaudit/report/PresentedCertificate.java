package dev.certaudit.report;

import java.security.cert.X509Certificate;
import java.time.Instant;

import dev.certaudit.analysis.Certificates;

/**
 * One certificate of the chain an endpoint presented, in the order it was sent (0 is the leaf), as the
 * workbook's Chains sheet shows it.
 * @param key algorithm and size, e.g. {@code RSA 2048} or {@code EC 256}
 */
public record PresentedCertificate(int position, String subject, String issuer, String serialNumber,
		Instant notBefore, Instant notAfter, String key, String signatureAlgorithm, boolean selfSigned,
		String sha256) {

	public static PresentedCertificate of(int position, X509Certificate certificate) {
		return new PresentedCertificate(position, Certificates.subject(certificate), Certificates.issuer(certificate),
				certificate.getSerialNumber().toString(16), certificate.getNotBefore().toInstant(),
				certificate.getNotAfter().toInstant(), Certificates.keyDescription(certificate),
				certificate.getSigAlgName(), Certificates.isSelfSigned(certificate), Certificates.sha256(certificate));
	}

}
