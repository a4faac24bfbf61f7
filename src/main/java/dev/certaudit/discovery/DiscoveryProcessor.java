package dev.certaudit.discovery;

import java.util.Optional;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.certaudit.inventory.IpLiterals;

/** Resolves one name; runs on many virtual threads at once within a chunk. */
public class DiscoveryProcessor implements ItemProcessor<NameToDiscover, DiscoveryProcessor.Discovered> {

	/** A name and, when DNS was asked, its answer. */
	public record Discovered(NameToDiscover name, Optional<NameResolution> resolution) {
	}

	private final NameResolver resolver;

	public DiscoveryProcessor(NameResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public Discovered process(NameToDiscover item) {
		boolean dns = item.needsDns() && !IpLiterals.isIpLiteral(item.name());
		return new Discovered(item, dns ? Optional.of(this.resolver.resolve(item.name())) : Optional.empty());
	}

}
