package dev.certaudit.analysis.revocation;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * What an OCSP response says of one certificate, believed only when its issuer (or a responder the issuer
 * delegated to) signed it and it is fresh: fetched from the responder, or stapled by the server in its
 * handshake (RFC 6066 section 8), which costs no request to the CA.
 */
public final class OcspResponses {

	private OcspResponses() {
	}

	/** The status a server stapled for its leaf, judged at {@code now}, the time of the handshake. */
	public static RevocationStatus stapled(byte[] response, X509Certificate leaf, X509Certificate issuer, Instant now) {
		return judge(response, leaf, issuer, "stapled OCSP response", now);
	}

	/** @param source how the response was obtained, for the finding's message */
	static RevocationStatus judge(byte[] response, X509Certificate leaf, X509Certificate issuer, String source,
			Instant now) {
		try {
			OCSPResp answer = new OCSPResp(response);
			if (answer.getStatus() != OCSPResp.SUCCESSFUL) {
				return new RevocationStatus.Unknown("responder answered with error status " + answer.getStatus());
			}
			if (!(answer.getResponseObject() instanceof BasicOCSPResp basic)) {
				return new RevocationStatus.Unknown("not a basic OCSP response");
			}
			X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
			if (!signedByIssuerOrDelegate(basic, issuerHolder, now)) {
				return new RevocationStatus.Unknown(
						"bad signature: the response is signed by neither the issuer nor a responder it delegated to");
			}
			DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
			for (SingleResp single : basic.getResponses()) {
				if (single.getCertID().getSerialNumber().equals(leaf.getSerialNumber())
						&& single.getCertID().matchesIssuer(issuerHolder, digests)) {
					return singleStatus(single, source, now);
				}
			}
			return new RevocationStatus.Unknown("the response does not cover the certificate");
		}
		catch (IOException | OCSPException | OperatorCreationException | CertificateEncodingException
				| RuntimeException ex) {
			return new RevocationStatus.Unknown("unreadable response: " + ex.getMessage());
		}
	}

	/**
	 * RFC 6960 4.2.2.2: the issuer signs the response itself, or a responder certificate the issuer
	 * issued with the id-kp-OCSPSigning extended key usage, valid now.
	 */
	private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509CertificateHolder issuer, Instant now) {
		JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
		try {
			if (basic.isSignatureValid(verifiers.build(issuer))) {
				return true;
			}
		}
		catch (OCSPException | OperatorCreationException | CertificateException ex) {
			// not the issuer's signature; a delegated responder may still have made it
		}
		for (X509CertificateHolder responder : basic.getCerts()) {
			try {
				if (delegatedResponder(responder, issuer, Date.from(now))
						&& basic.isSignatureValid(verifiers.build(responder))) {
					return true;
				}
			}
			catch (OCSPException | OperatorCreationException | CertificateException | CertException
					| RuntimeException ex) {
				// this certificate cannot vouch for the response; try the next one the responder sent
			}
		}
		return false;
	}

	private static boolean delegatedResponder(X509CertificateHolder responder, X509CertificateHolder issuer, Date now)
			throws OperatorCreationException, CertificateException, CertException {
		ExtendedKeyUsage purposes = ExtendedKeyUsage.fromExtensions(responder.getExtensions());
		return responder.getIssuer().equals(issuer.getSubject()) && responder.isValidOn(now) && purposes != null
				&& purposes.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)
				&& responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer));
	}

	private static RevocationStatus singleStatus(SingleResp single, String source, Instant now) {
		Instant thisUpdate = single.getThisUpdate().toInstant();
		if (thisUpdate.isAfter(now.plus(RevocationChecker.CLOCK_SKEW))) {
			return new RevocationStatus.Unknown("the response's thisUpdate " + thisUpdate + " is in the future");
		}
		if (single.getNextUpdate() != null
				&& single.getNextUpdate().toInstant().isBefore(now.minus(RevocationChecker.CLOCK_SKEW))) {
			return new RevocationStatus.Unknown(
					"stale response: its nextUpdate " + single.getNextUpdate().toInstant() + " has passed");
		}
		CertificateStatus status = single.getCertStatus();
		if (status == CertificateStatus.GOOD) {
			return new RevocationStatus.Good(source);
		}
		if (status instanceof RevokedStatus revoked) {
			String reason = revoked.hasRevocationReason() ? reasonName(revoked.getRevocationReason()) : "unspecified";
			return new RevocationStatus.Revoked(revoked.getRevocationTime().toInstant(), reason, source);
		}
		return new RevocationStatus.Unknown("the responder does not know the certificate");
	}

	/** RFC 5280 5.3.1 reason codes, named as the standard spells them; 7 is unused. */
	static String reasonName(int code) {
		return switch (code) {
			case 0 -> "unspecified";
			case 1 -> "keyCompromise";
			case 2 -> "cACompromise";
			case 3 -> "affiliationChanged";
			case 4 -> "superseded";
			case 5 -> "cessationOfOperation";
			case 6 -> "certificateHold";
			case 8 -> "removeFromCRL";
			case 9 -> "privilegeWithdrawn";
			case 10 -> "aACompromise";
			default -> "reason " + code;
		};
	}

}
