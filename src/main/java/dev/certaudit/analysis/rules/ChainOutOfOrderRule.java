package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The server sends the certificates it has in the wrong order. TLS 1.2 requires each certificate to
 * certify the one before it (RFC 5246 7.4.2); TLS 1.3 relaxes that to a SHOULD for clients' sake (RFC 8446
 * 4.4.2), and older or embedded clients still fail on such a chain even though every certificate is there.
 */
public final class ChainOutOfOrderRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("WARN_CHAIN_OUT_OF_ORDER", 40,
			"the chain builds, but the certificates after the leaf are not each the issuer of the one before (RFC 5246 7.4.2, RFC 8446 4.4.2)",
			"The server sends its certificate chain in the wrong order, which some clients reject.",
			"RFC 5246 7.4.2: each certificate MUST certify the one before it; RFC 8446 4.4.2 relaxes that to SHOULD, and older or embedded clients still fail",
			"Configure the chain file in order: the leaf, then the intermediate that issued it, then that intermediate's issuer, and so on.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.presented().size() > 1;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		List<X509Certificate> path = Certificates.issuerPath(evidence.presented());
		if (path.size() < 2 || isSentInOrder(path, evidence.presented())) {
			return Optional.empty();
		}
		return Optional.of("sent as " + subjects(evidence.presented()) + " instead of " + subjects(path));
	}

	private static boolean isSentInOrder(List<X509Certificate> path, List<X509Certificate> presented) {
		for (int position = 0; position < path.size(); position++) {
			if (presented.get(position) != path.get(position)) {
				return false;
			}
		}
		return true;
	}

	private static String subjects(List<X509Certificate> certificates) {
		return certificates.stream().map(Certificates::subject).collect(Collectors.joining(" | ", "[", "]"));
	}

}
