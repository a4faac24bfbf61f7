package dev.certaudit.analysis.intermediates;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.intermediates.IntermediateRecovery.Recoverability;

/**
 * Looks for the intermediates a server failed to send: over HTTP at the AIA caIssuers URL, only when
 * the run allows it, and in the local intermediates bundle. The AIA answer says whether clients that
 * fetch AIA recover; the bundle says which certificate to install even when nothing can be fetched.
 */
public final class IntermediateLookup {

	/** Public hierarchies are at most a few intermediates deep; the bound stops a loop of cross-signs. */
	private static final int MAX_DEPTH = 5;

	private static final String FETCH_OFF = "not fetched: cert-audit.trust.fetch-aia is off";

	private final IntermediateBundle bundle;

	private final AiaIssuerFetcher fetcher;

	/** @param fetcher null when fetching AIA is off, as it is by default: then no request is made */
	public IntermediateLookup(IntermediateBundle bundle, AiaIssuerFetcher fetcher) {
		this.bundle = bundle;
		this.fetcher = fetcher;
	}

	/**
	 * @param top the certificate of the presented chain whose issuer the server did not send
	 * @param completes whether the presented certificates plus those given build a path to a trusted root
	 */
	public IntermediateRecovery recover(List<X509Certificate> presented, X509Certificate top,
			Predicate<List<X509Certificate>> completes) {
		Optional<String> url = caIssuersUrl(top);
		String aiaFailure = null;
		if (this.fetcher != null && url.isPresent()) {
			List<String> failures = new ArrayList<>();
			List<X509Certificate> fetched = follow(presented, top, (child) -> fetchIssuers(child, failures));
			if (!fetched.isEmpty() && completes.test(fetched)) {
				return new IntermediateRecovery(Recoverability.BY_AIA_CLIENTS, url.get(), null, subjects(fetched));
			}
			aiaFailure = failures.isEmpty() ? url.get() + " serves no certificate that completes the chain"
					: failures.get(failures.size() - 1);
		}
		List<X509Certificate> fromBundle = follow(presented, top,
				(child) -> this.bundle.withSubject(child.getIssuerX500Principal()));
		List<String> completedWith = (!fromBundle.isEmpty() && completes.test(fromBundle)) ? subjects(fromBundle)
				: List.of();
		if (url.isEmpty()) {
			return new IntermediateRecovery(Recoverability.NOT_RECOVERABLE, null,
					"the certificate names no AIA caIssuers URL", completedWith);
		}
		if (aiaFailure != null) {
			return new IntermediateRecovery(Recoverability.NOT_RECOVERABLE, url.get(), aiaFailure, completedWith);
		}
		return new IntermediateRecovery(Recoverability.NOT_CHECKED, url.get(), FETCH_OFF, completedWith);
	}

	/** Climbs from {@code top} through issuers that verify, as far as the source knows them. */
	private static List<X509Certificate> follow(List<X509Certificate> presented, X509Certificate top,
			IssuerSource source) {
		List<X509Certificate> found = new ArrayList<>();
		X509Certificate child = top;
		for (int depth = 0; depth < MAX_DEPTH && !Certificates.isSelfSigned(child); depth++) {
			X509Certificate current = child;
			Optional<X509Certificate> issuer = source.issuersOf(current)
				.stream()
				.filter((candidate) -> !presented.contains(candidate) && !found.contains(candidate))
				.filter((candidate) -> Certificates.signedBy(current, candidate))
				.findFirst();
			if (issuer.isEmpty()) {
				break;
			}
			found.add(issuer.get());
			child = issuer.get();
		}
		return found;
	}

	private List<X509Certificate> fetchIssuers(X509Certificate child, List<String> failures) {
		Optional<String> url = caIssuersUrl(child);
		if (url.isEmpty()) {
			return List.of();
		}
		AiaIssuerFetcher.Fetched fetched = this.fetcher.fetch(url.get());
		if (fetched.failure() != null) {
			failures.add(url.get() + ": " + fetched.failure());
		}
		return fetched.certificates();
	}

	/** The first HTTP caIssuers URL (RFC 5280 4.2.2.1); LDAP URLs are left out, as browsers leave them. */
	public static Optional<String> caIssuersUrl(X509Certificate certificate) {
		try {
			AuthorityInformationAccess access = AuthorityInformationAccess
				.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions());
			if (access == null) {
				return Optional.empty();
			}
			for (AccessDescription description : access.getAccessDescriptions()) {
				GeneralName location = description.getAccessLocation();
				if (description.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
						&& location.getTagNo() == GeneralName.uniformResourceIdentifier) {
					String url = ASN1IA5String.getInstance(location.getName()).getString();
					if (url.startsWith("http://") || url.startsWith("https://")) {
						return Optional.of(url);
					}
				}
			}
			return Optional.empty();
		}
		catch (CertificateEncodingException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static List<String> subjects(List<X509Certificate> certificates) {
		return certificates.stream().map(Certificates::subject).toList();
	}

	@FunctionalInterface
	private interface IssuerSource {

		List<X509Certificate> issuersOf(X509Certificate child);

	}

}
