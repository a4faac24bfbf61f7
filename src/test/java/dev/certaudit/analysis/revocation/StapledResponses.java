package dev.certaudit.analysis.revocation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import dev.certaudit.demo.IssuedCertificate;

/** OCSP responses as a server staples them, signed by the leaf's issuer, for tests of stapling. */
public final class StapledResponses {

	private StapledResponses() {
	}

	/** The issuer says the leaf was revoked at {@code revokedAt} for key compromise. */
	public static byte[] revoked(IssuedCertificate issuer, X509Certificate leaf, Instant revokedAt, Instant thisUpdate,
			Instant nextUpdate) throws Exception {
		return response(issuer, leaf, new RevokedStatus(Date.from(revokedAt), CRLReason.keyCompromise), thisUpdate,
				nextUpdate);
	}

	public static byte[] good(IssuedCertificate issuer, X509Certificate leaf, Instant thisUpdate, Instant nextUpdate)
			throws Exception {
		return response(issuer, leaf, CertificateStatus.GOOD, thisUpdate, nextUpdate);
	}

	private static byte[] response(IssuedCertificate issuer, X509Certificate leaf, CertificateStatus status,
			Instant thisUpdate, Instant nextUpdate) throws Exception {
		CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
				new JcaX509CertificateHolder(issuer.certificate()), leaf.getSerialNumber());
		BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
				new RespID(X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded())));
		builder.addResponse(id, status, Date.from(thisUpdate), Date.from(nextUpdate), null);
		String algorithm = issuer.keyPair().getPrivate().getAlgorithm().startsWith("RSA") ? "SHA256withRSA"
				: "SHA256withECDSA";
		return new OCSPRespBuilder()
			.build(OCSPRespBuilder.SUCCESSFUL,
					builder.build(new JcaContentSignerBuilder(algorithm).build(issuer.keyPair().getPrivate()), null,
							Date.from(thisUpdate)))
			.getEncoded();
	}

}
