package dev.certaudit.analysis.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.RuleId;

/**
 * The addresses behind one name serve different certificates: typically one backend of a load
 * balancer still has the old certificate, and clients fail at random. Unlike the other rules it looks
 * at every address of a name and port together, so it runs once the single endpoints are judged.
 */
public final class CertificateDiffersBetweenAddressesRule {

	public static final RuleId ID = new RuleId("WARN_CERT_DIFFERS_BETWEEN_ADDRESSES");

	static final String REMEDIATION = "Install the same, current certificate and chain on every server behind this name "
			+ "(load-balancer pool members, DNS round-robin hosts), then audit again.";

	/** The certificate one address of the name served. */
	public record Served(String address, String sha256, String serialNumber, Instant notAfter) {
	}

	private CertificateDiffersBetweenAddressesRule() {
	}

	/** @param endpoint {@code host:port} the addresses belong to */
	public static Optional<Finding> check(String endpoint, List<Served> served) {
		long distinct = served.stream().map(Served::sha256).distinct().count();
		if (distinct < 2) {
			return Optional.empty();
		}
		String detail = served.stream()
			.map((s) -> s.address() + " serial " + s.serialNumber() + " expiring " + s.notAfter())
			.collect(Collectors.joining("; "));
		return Optional.of(new Finding(ID,
				endpoint + " serves " + distinct + " different certificates across its addresses: " + detail,
				REMEDIATION));
	}

}
