package dev.certaudit.analysis;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
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
 * failure from the shape of the chain. For a missing intermediate it then asks the
 * {@link IntermediateLookup}, when it has one, whether the chain can be completed and by whom.
 */
public final class ChainValidator {

	private final TrustAnchors trustAnchors;

	private final IntermediateLookup intermediates;

	public ChainValidator(TrustAnchors trustAnchors) {
		this(trustAnchors, null);
	}

	/** @param intermediates null to report a missing intermediate without looking for it */
	public ChainValidator(TrustAnchors trustAnchors, IntermediateLookup intermediates) {
		this.trustAnchors = trustAnchors;
		this.intermediates = intermediates;
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
		if (Certificates.isSelfSigned(top)) {
			return new ChainValidation(false, ChainProblem.UNTRUSTED_ROOT, Certificates.subject(top));
		}
		if (!this.trustAnchors.hasAnchorFor(top.getIssuerX500Principal())) {
			IntermediateRecovery recovery = (this.intermediates != null) ? this.intermediates.recover(presented, top,
					(found) -> buildPath(concat(presented, found), date).isEmpty()) : null;
			return new ChainValidation(false, ChainProblem.MISSING_INTERMEDIATE, Certificates.issuer(top), recovery);
		}
		return new ChainValidation(false, ChainProblem.OTHER, failure.get());
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
			parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(presented)));
			CertPathBuilder.getInstance("PKIX").build(parameters);
			return Optional.empty();
		}
		catch (GeneralSecurityException ex) {
			String message = ex.getMessage();
			return Optional.of((message != null) ? message : ex.getClass().getSimpleName());
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
