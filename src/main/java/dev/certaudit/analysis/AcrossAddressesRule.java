package dev.certaudit.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A check over the certificates every address of one name and port served, for what no single endpoint
 * shows, such as a load-balancer member left with an old certificate. It runs once each address is
 * assessed. Rules of this kind live beside the others in {@code analysis.rules}, one class per defect.
 */
public interface AcrossAddressesRule {

	/** The certificate one address of the name served. */
	record Served(String address, String sha256, String serialNumber, Instant notAfter) {
	}

	RuleMetadata metadata();

	/**
	 * @param endpoint {@code host:port} the addresses belong to
	 * @param served what each address served, in address order
	 * @return why the addresses fail this rule together, or empty when they pass
	 */
	Optional<String> check(String endpoint, List<Served> served);

	default Optional<Finding> evaluate(String endpoint, List<Served> served) {
		return check(endpoint, served).map(metadata()::finding);
	}

}
