package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.ChainProblem;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The server sends certificates that are not on the path from its leaf to the root: an old
 * intermediate, another site's chain, a second leaf. They cost bytes in every handshake and confuse
 * clients that take the list as it comes. When an intermediate is missing the path is unknown, so this
 * rule waits until {@link MissingIntermediateRule}'s finding is fixed.
 */
public final class ExtraCertificatesRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("WARN_CHAIN_EXTRA_CERTIFICATES", 50,
			"the server sends certificates that are not on the path from the leaf to its root",
			"The server sends certificates that do not belong to its chain.",
			"RFC 5246 7.4.2 and RFC 8446 4.4.2: the certificates after the leaf are the ones that certify it; strays cost bytes and confuse clients that take the list as it comes",
			"Remove the listed certificates from the served chain file, keeping only the leaf and the intermediates that lead to its root.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.presented().size() > 1 && evidence.validation() != null
				&& evidence.validation().problem() != ChainProblem.MISSING_INTERMEDIATE;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		List<X509Certificate> path = Certificates.issuerPath(evidence.presented());
		List<String> extras = evidence.presented()
			.stream()
			.filter((certificate) -> path.stream().noneMatch((onPath) -> onPath == certificate))
			.map(Certificates::subject)
			.toList();
		if (extras.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of("the server sends " + extras.size() + " certificate" + ((extras.size() == 1) ? "" : "s")
				+ " not on the path to the root: " + String.join("; ", extras));
	}

}
