package dev.certaudit.analysis;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import dev.certaudit.analysis.intermediates.IntermediateLookup;
import dev.certaudit.analysis.intermediates.IntermediateRecovery;

/**
 * Builds a path from the presented leaf to a trust anchor with the JDK's PKIX builder, using only what
 * the server sent (no AIA fetching, as Java and most non-browser clients behave), and explains a
 * failure from the shape of the chain: which certificate is missing, which issuer nobody trusts, or, for
 * a chain that reaches a trusted root and still fails, the reason PKIX gives, in words. For a missing
 * intermediate it then asks the {@link IntermediateLookup}, when it has one, whether the chain can be
 * completed and by whom.
 */
public final class ChainValidator {

	/**
	 * Intermediates a path may have by default. PKIX's own default of 5 rejected valid chains with six;
	 * the certificates' basicConstraints still limit each path, this only bounds the builder's search.
	 */
	public static final int DEFAULT_MAX_INTERMEDIATES = 20;

	private final TrustAnchors trustAnchors;

	private final IntermediateLookup intermediates;

	private final int maxIntermediates;

	public ChainValidator(TrustAnchors trustAnchors) {
		this(trustAnchors, null, DEFAULT_MAX_INTERMEDIATES);
	}

	/**
	 * @param intermediates null to report a missing intermediate without looking for it
	 * @param maxIntermediates the most intermediate certificates a path to a trusted root may have
	 */
	public ChainValidator(TrustAnchors trustAnchors, IntermediateLookup intermediates, int maxIntermediates) {
		this.trustAnchors = trustAnchors;
		this.intermediates = intermediates;
		this.maxIntermediates = maxIntermediates;
	}

	public ChainValidation validate(List<X509Certificate> presented, Instant now) {
		X509Certificate leaf = presented.get(0);
		if (this.trustAnchors.isAnchor(leaf)) {
			return ChainValidation.TRUSTED;
		}
		Date date = judgementDate(leaf, now);
		Optional<String> failure = buildPath(presented, date);
		if (failure.isEmpty()) {
			return ChainValidation.TRUSTED;
		}
		if (Certificates.isSelfSigned(leaf)) {
			return new ChainValidation(false, ChainProblem.SELF_SIGNED_LEAF, Certificates.subject(leaf));
		}
		X509Certificate top = topOfPresentedPath(presented);
		if (Certificates.isSelfSigned(top) && !this.trustAnchors.isAnchor(top)) {
			return new ChainValidation(false, ChainProblem.UNTRUSTED_ROOT, Certificates.subject(top));
		}
		if (!Certificates.isSelfSigned(top) && !this.trustAnchors.hasAnchorFor(top.getIssuerX500Principal())) {
			IntermediateRecovery recovery = (this.intermediates != null) ? this.intermediates.recover(presented, top,
					(found) -> buildPath(concat(presented, found), date).isEmpty()) : null;
			boolean completes = recovery != null && !recovery.completedWith().isEmpty();
			// the server sent the leaf's issuer, and up to a CA whose issuer nobody has: a private root the
			// audit does not trust, or a public chain cut short; only what completes it proves the latter
			if (top != leaf && !completes) {
				return new ChainValidation(false, ChainProblem.UNKNOWN_ISSUER, Certificates.issuer(top), null,
						Certificates.subject(top));
			}
			return new ChainValidation(false, ChainProblem.MISSING_INTERMEDIATE, Certificates.issuer(top), recovery,
					Certificates.subject(top));
		}
		return new ChainValidation(false, ChainProblem.OTHER, explain(presented, date).orElse(failure.get()));
	}

	/**
	 * Judges the chain at an instant inside the leaf's validity, so an expired or not yet valid leaf is
	 * reported once, by the expiry rules, rather than also as an untrusted chain.
	 */
	private static Date judgementDate(X509Certificate leaf, Instant now) {
		Instant notBefore = leaf.getNotBefore().toInstant();
		Instant notAfter = leaf.getNotAfter().toInstant();
		if (now.isAfter(notAfter)) {
			return Date.from(notAfter.minusSeconds(1));
		}
		if (now.isBefore(notBefore)) {
			return Date.from(notBefore.plusSeconds(1));
		}
		return Date.from(now);
	}

	private Optional<String> buildPath(List<X509Certificate> presented, Date date) {
		try {
			X509CertSelector target = new X509CertSelector();
			target.setCertificate(presented.get(0));
			PKIXBuilderParameters parameters = new PKIXBuilderParameters(this.trustAnchors.anchors(), target);
			parameters.setRevocationEnabled(false);
			parameters.setDate(date);
			parameters.setMaxPathLength(this.maxIntermediates);
			parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(presented)));
			CertPathBuilder.getInstance("PKIX").build(parameters);
			return Optional.empty();
		}
		catch (GeneralSecurityException ex) {
			String message = ex.getMessage();
			return Optional.of((message != null) ? message : ex.getClass().getSimpleName());
		}
	}

	/**
	 * Why the path the server sent fails, although it reaches a trusted root: the builder only says it
	 * found no valid path, so the presented path is validated on its own, which names the reason and the
	 * certificate at fault (RFC 5280 6.1.3 and 6.1.4).
	 */
	private Optional<String> explain(List<X509Certificate> presented, Date date) {
		List<X509Certificate> path = new ArrayList<>(Certificates.issuerPath(presented));
		if (this.trustAnchors.isAnchor(path.getLast())) {
			path.removeLast();
		}
		try {
			PKIXParameters parameters = new PKIXParameters(this.trustAnchors.anchors());
			parameters.setRevocationEnabled(false);
			parameters.setDate(date);
			CertPathValidator.getInstance("PKIX")
				.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
			return Optional.empty();
		}
		catch (CertPathValidatorException ex) {
			int index = ex.getIndex();
			X509Certificate at = (index >= 0 && index < path.size()) ? path.get(index) : null;
			return Optional.of(PathFailure.describe(ex, at, path.subList(Math.max(index, 0) + 1, path.size())));
		}
		catch (GeneralSecurityException ex) {
			return Optional.empty();
		}
	}

	private static List<X509Certificate> concat(List<X509Certificate> presented, List<X509Certificate> found) {
		List<X509Certificate> all = new ArrayList<>(presented);
		all.addAll(found);
		return all;
	}

	/** Follows issuers through the presented certificates, in any order, as far as they go. */
	private static X509Certificate topOfPresentedPath(List<X509Certificate> presented) {
		X509Certificate current = presented.get(0);
		for (int step = 0; step < presented.size(); step++) {
			if (Certificates.isSelfSigned(current)) {
				return current;
			}
			X509Certificate child = current;
			Optional<X509Certificate> issuer = presented.stream()
				.filter((candidate) -> candidate != child && Certificates.signedBy(child, candidate))
				.findFirst();
			if (issuer.isEmpty()) {
				return current;
			}
			current = issuer.get();
		}
		return current;
	}

}
