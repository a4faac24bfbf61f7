package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleId;

/**
 * The server sends the certificates it has in the wrong order. TLS 1.2 requires each certificate to
 * certify the one before it (RFC 5246 7.4.2); TLS 1.3 relaxes that to a SHOULD for clients' sake (RFC 8446
 * 4.4.2), and older or embedded clients still fail on such a chain even though every certificate is there.
 */
public final class ChainOutOfOrderRule implements Rule {

	private static final RuleId ID = new RuleId("WARN_CHAIN_OUT_OF_ORDER");

	@Override
	public RuleId id() {
		return ID;
	}

	@Override
	public String remediation() {
		return "Configure the chain file in order: the leaf, then the intermediate that issued it, then that intermediate's issuer, and so on.";
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
