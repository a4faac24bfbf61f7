package dev.certaudit.analysis.rules;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.certaudit.analysis.AcrossAddressesRule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The addresses behind one name serve different certificates: typically one backend of a load
 * balancer still has the old certificate, and clients fail at random.
 */
public final class CertificateDiffersBetweenAddressesRule implements AcrossAddressesRule {

	private static final RuleMetadata METADATA = new RuleMetadata("WARN_CERT_DIFFERS_BETWEEN_ADDRESSES", 80,
			"the addresses of one name serve different certificates",
			"The servers behind this name use different certificates: one may still have an old one.",
			"DNS round robin and load balancers send each client to any one address of a name, so every address must serve the same certificate",
			"Install the same, current certificate and chain on every server behind this name (load-balancer pool members, DNS round-robin hosts), then audit again.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public Optional<String> check(String endpoint, List<Served> served) {
		long distinct = served.stream().map(Served::sha256).distinct().count();
		if (distinct < 2) {
			return Optional.empty();
		}
		String detail = served.stream()
			.map((s) -> s.address() + " serial " + s.serialNumber() + " expiring " + s.notAfter())
			.collect(Collectors.joining("; "));
		return Optional.of(endpoint + " serves " + distinct + " different certificates across its addresses: " + detail);
	}

}
