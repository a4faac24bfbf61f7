package dev.certaudit.analysis;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A rule that judges the leaf and each intermediate the server sent on its own, as key and signature
 * strength are judged, and names every certificate at fault in one finding. Self-signed roots are left
 * out for the reason {@link Evidence#leafAndIntermediates()} gives.
 */
public interface PerCertificateRule extends Rule {

	/** @return what is wrong with this one certificate, or empty when nothing is */
	Optional<String> problem(X509Certificate certificate);

	@Override
	default boolean appliesTo(Evidence evidence) {
		return evidence.hasChain();
	}

	@Override
	default Optional<String> check(Evidence evidence) {
		return evidence.leafAndIntermediates()
			.stream()
			.map(this::problem)
			.flatMap(Optional::stream)
			.collect(Rule.joinedProblems());
	}

}
