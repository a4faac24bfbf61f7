package dev.certaudit.analysis.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import dev.certaudit.analysis.BoundedHttp;

/**
 * Asks the leaf's issuer whether the leaf is revoked: OCSP at the leaf's Authority Information Access
 * responder (RFC 6960), else the CRLs at its CRL distribution points (RFC 5280 5). Only answers that
 * verify with the issuer's key, or with a responder the issuer delegated to, count; everything else,
 * a network failure included, is {@link RevocationStatus.Unknown} rather than an exception, since one
 * unreachable responder must not stop a run.
 */
public final class RevocationChecker {

	/** Clocks of responders and of this host disagree a little; RFC 6960 leaves the margin to the client. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	/**
	 * Responders and CRLs asked, of each kind, per leaf: certificates of public CAs name one or two, and
	 * as the URLs are the audited server's choice, each one more could cost the run another timeout.
	 */
	private static final int MAX_ASKED_OF_EACH_KIND = 3;

	/** An OCSP response is a few kilobytes, some tens with the responder's certificates. */
	private static final int MAX_OCSP_RESPONSE_BYTES = 1024 * 1024;

	/** A CRL of a large public CA runs to some megabytes; anything far beyond is not a CRL worth reading. */
	private static final int MAX_CRL_BYTES = 20 * 1024 * 1024;

	private final BoundedHttp http;

	private final Clock clock;

	/** @param timeout for the whole of each exchange, connecting to the end of the body, per responder or CRL asked */
	public RevocationChecker(Duration timeout) {
		this(timeout, Clock.systemUTC());
	}

	/**
	 * @param clock judges the freshness of answers by the time they were fetched, not the run's
	 * judging instant, which a restarted run keeps from the day before
	 */
	RevocationChecker(Duration timeout, Clock clock) {
		this.clock = clock;
		this.http = new BoundedHttp(timeout, HttpClient.Redirect.NEVER);
	}

	/** @param issuer the certificate whose key signed {@code leaf} */
	public RevocationStatus check(X509Certificate leaf, X509Certificate issuer) {
		List<String> ocspUrls;
		List<String> crlUrls;
		try {
			Extensions extensions = new JcaX509CertificateHolder(leaf).getExtensions();
			ocspUrls = ocspUrls(extensions);
			crlUrls = crlUrls(extensions);
		}
		catch (CertificateEncodingException | RuntimeException ex) {
			return new RevocationStatus.Unknown("cannot read the certificate's AIA or CRL distribution points: "
					+ ex.getMessage());
		}
		if (ocspUrls.isEmpty() && crlUrls.isEmpty()) {
			return new RevocationStatus.Unknown("no OCSP responder or CRL distribution point");
		}
		List<String> failures = new ArrayList<>();
		for (String url : firstAsked(ocspUrls)) {
			RevocationStatus status = ocsp(url, leaf, issuer);
			if (!(status instanceof RevocationStatus.Unknown unknown)) {
				return status;
			}
			failures.add("OCSP " + url + ": " + unknown.why());
		}
		for (String url : firstAsked(crlUrls)) {
			RevocationStatus status = crl(url, leaf, issuer);
			if (!(status instanceof RevocationStatus.Unknown unknown)) {
				return status;
			}
			failures.add("CRL " + url + ": " + unknown.why());
		}
		int unasked = ocspUrls.size() + crlUrls.size() - firstAsked(ocspUrls).size() - firstAsked(crlUrls).size();
		if (unasked > 0) {
			failures.add(unasked + " more responders and CRLs not asked");
		}
		return new RevocationStatus.Unknown(String.join("; ", failures));
	}

	private static List<String> firstAsked(List<String> urls) {
		return urls.subList(0, Math.min(urls.size(), MAX_ASKED_OF_EACH_KIND));
	}

	private RevocationStatus ocsp(String url, X509Certificate leaf, X509Certificate issuer) {
		try {
			DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
			X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
			// SHA-1 CertIDs are what RFC 5019 lightweight responders, i.e. every public CA's, are keyed by
			CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder,
					leaf.getSerialNumber());
			byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
			byte[] answer = this.http.fetch(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/ocsp-request")
				.header("Accept", "application/ocsp-response")
				.POST(HttpRequest.BodyPublishers.ofByteArray(request)), MAX_OCSP_RESPONSE_BYTES);
			return OcspResponses.judge(answer, leaf, issuer, "OCSP " + url, this.clock.instant());
		}
		catch (BoundedHttp.Failure ex) {
			return new RevocationStatus.Unknown(ex.getMessage());
		}
		catch (IOException | OCSPException | OperatorCreationException | CertificateEncodingException
				| RuntimeException ex) {
			return new RevocationStatus.Unknown("unreadable response: " + ex.getMessage());
		}
	}

	private RevocationStatus crl(String url, X509Certificate leaf, X509Certificate issuer) {
		try {
			byte[] answer = this.http.fetch(HttpRequest.newBuilder(URI.create(url)).GET(), MAX_CRL_BYTES);
			X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
				.generateCRL(new ByteArrayInputStream(answer));
			if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
				return new RevocationStatus.Unknown("the CRL is issued by " + crl.getIssuerX500Principal().getName()
						+ ", not the certificate's issuer");
			}
			try {
				crl.verify(issuer.getPublicKey());
			}
			catch (GeneralSecurityException ex) {
				return new RevocationStatus.Unknown("bad signature: the CRL does not verify with the issuer's key");
			}
			Instant now = this.clock.instant();
			if (crl.getThisUpdate().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
				return new RevocationStatus.Unknown(
						"the CRL's thisUpdate " + crl.getThisUpdate().toInstant() + " is in the future");
			}
			if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now.minus(CLOCK_SKEW))) {
				return new RevocationStatus.Unknown(
						"stale CRL: its nextUpdate " + crl.getNextUpdate().toInstant() + " has passed");
			}
			X509CRLEntry entry = crl.getRevokedCertificate(leaf.getSerialNumber());
			if (entry == null) {
				return new RevocationStatus.Good("CRL " + url);
			}
			CRLReason reason = entry.getRevocationReason();
			return new RevocationStatus.Revoked(entry.getRevocationDate().toInstant(),
					(reason != null) ? OcspResponses.reasonName(reason.ordinal()) : "unspecified", "CRL " + url);
		}
		catch (BoundedHttp.Failure ex) {
			return new RevocationStatus.Unknown(ex.getMessage());
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return new RevocationStatus.Unknown("unreadable CRL: " + ex.getMessage());
		}
	}

	private static List<String> ocspUrls(Extensions extensions) {
		AuthorityInformationAccess access = AuthorityInformationAccess.fromExtensions(extensions);
		if (access == null) {
			return List.of();
		}
		List<String> urls = new ArrayList<>();
		for (AccessDescription description : access.getAccessDescriptions()) {
			if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
				httpUrl(description.getAccessLocation(), urls);
			}
		}
		return urls;
	}

	/** Full-name distribution points only: LDAP URLs and names relative to the issuer are not fetched. */
	private static List<String> crlUrls(Extensions extensions) {
		CRLDistPoint points = CRLDistPoint.fromExtensions(extensions);
		if (points == null) {
			return List.of();
		}
		List<String> urls = new ArrayList<>();
		for (DistributionPoint point : points.getDistributionPoints()) {
			DistributionPointName name = point.getDistributionPoint();
			if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
				for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
					httpUrl(general, urls);
				}
			}
		}
		return urls;
	}

	private static void httpUrl(GeneralName name, List<String> urls) {
		if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
			String url = ASN1IA5String.getInstance(name.getName()).getString();
			if (url.startsWith("http://") || url.startsWith("https://")) {
				urls.add(url);
			}
		}
	}

}
