package dev.certaudit.inventory;

import java.util.List;
import java.util.Map;

import dev.certaudit.inventory.DomainListParser.DomainEntry;

/**
 * Turns domains and zone names into candidate endpoints: every prefix of the map in front of a domain,
 * on each port its service usually speaks; a zone name gets the services of its first label, or HTTPS
 * when the label is not a known prefix.
 */
public final class PrefixExpansion {

	private static final List<ServicePort> WEB = List.of(new ServicePort(Protocol.TLS, 443));

	private final PrefixMap prefixes;

	public PrefixExpansion(PrefixMap prefixes) {
		this.prefixes = prefixes;
	}

	public List<Target> expand(DomainEntry entry) {
		return this.prefixes.prefixes()
			.stream()
			.flatMap((prefix) -> {
				String name = prefix.equals(PrefixMap.APEX) ? entry.domain() : prefix + "." + entry.domain();
				return targets(name, this.prefixes.services(prefix), entry.labels(), entry.origin()).stream();
			})
			.toList();
	}

	public List<Target> expand(ZoneFile.ZoneName zoneName, String origin) {
		List<ServicePort> services = this.prefixes
			.services(zoneName.apex() ? PrefixMap.APEX : zoneName.firstLabel());
		return targets(zoneName.name(), services.isEmpty() ? WEB : services, Map.of(), origin);
	}

	private static List<Target> targets(String name, List<ServicePort> services, Map<String, String> labels,
			String origin) {
		return services.stream()
			.map((service) -> new Target(name, service.port(), service.protocol(), null, labels, origin))
			.toList();
	}

}
