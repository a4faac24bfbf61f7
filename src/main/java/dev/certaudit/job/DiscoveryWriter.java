package dev.certaudit.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import dev.certaudit.discovery.NameResolution;
import dev.certaudit.history.AuditCandidate;
import dev.certaudit.history.AuditStore;
import dev.certaudit.history.AuditTarget;
import dev.certaudit.history.DiscoveredName;
import dev.certaudit.inventory.IpLiterals;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

/**
 * Records what DNS answered and fans each candidate out to one target per address, so every backend
 * behind a load-balanced name is probed with the name as SNI. A guessed name (from a domain or a zone)
 * that does not resolve stays a discovery row only; a name listed by hand stays a target that the
 * report shows as unresolved, never a missing row. A certificate file is its own single target.
 */
public class DiscoveryWriter implements ItemWriter<DiscoveryProcessor.Discovered> {

	private final AuditStore store;

	public DiscoveryWriter(AuditStore store) {
		this.store = store;
	}

	@Override
	public void write(Chunk<? extends DiscoveryProcessor.Discovered> chunk) {
		if (chunk.isEmpty()) {
			return;
		}
		long runId = chunk.getItems().get(0).name().runId();
		this.store.saveDiscoveredNames(chunk.getItems()
			.stream()
			.flatMap((d) -> d.resolution().stream())
			.map((resolution) -> new DiscoveredName(runId, resolution))
			.toList());
		Map<String, Optional<NameResolution>> byName = chunk.getItems()
			.stream()
			.collect(Collectors.toMap((d) -> d.name().name(), DiscoveryProcessor.Discovered::resolution));
		List<AuditCandidate> candidates = this.store.candidatesNamed(runId, byName.keySet());
		// a name reached from a host list, a domain and a zone is still one endpoint per address: the
		// first candidate to name it (inventory order) keeps its labels
		Set<String> endpoints = new HashSet<>();
		List<AuditTarget> targets = new ArrayList<>();
		for (AuditCandidate candidate : candidates) {
			for (AuditTarget target : fanOut(candidate, byName.get(candidate.target().host()))) {
				Target t = target.target();
				if (endpoints.add(t.host() + " " + t.port() + " " + t.protocol() + " " + t.address())) {
					targets.add(target);
				}
			}
		}
		this.store.replaceTargets(runId, candidates.stream().map(AuditCandidate::candidateId).toList(), targets);
	}

	private static List<AuditTarget> fanOut(AuditCandidate candidate, Optional<NameResolution> resolution) {
		Target target = candidate.target();
		Function<Integer, Long> id = (i) -> candidate.candidateId() * AuditTarget.PER_CANDIDATE + i;
		if (target.protocol() == Protocol.FILE) {
			return List.of(new AuditTarget(candidate.runId(), id.apply(0), candidate.candidateId(), target, null));
		}
		if (target.address() != null || IpLiterals.isIpLiteral(target.host())) {
			String address = (target.address() != null) ? target.address() : target.host();
			return List.of(new AuditTarget(candidate.runId(), id.apply(0), candidate.candidateId(),
					at(target, address), null));
		}
		NameResolution answer = resolution.orElseThrow();
		if (answer.outcome() != NameResolution.Outcome.FOUND) {
			return candidate.explicit() ? List.of(new AuditTarget(candidate.runId(), id.apply(0),
					candidate.candidateId(), target, describe(answer))) : List.of();
		}
		List<String> addresses = answer.addresses().stream().limit(AuditTarget.PER_CANDIDATE).toList();
		List<AuditTarget> targets = new ArrayList<>();
		for (int i = 0; i < addresses.size(); i++) {
			targets.add(new AuditTarget(candidate.runId(), id.apply(i), candidate.candidateId(),
					at(target, addresses.get(i)), null));
		}
		return targets;
	}

	private static Target at(Target target, String address) {
		return new Target(target.host(), target.port(), target.protocol(), address, target.labels(), target.origin());
	}

	private static String describe(NameResolution answer) {
		return (answer.outcome() == NameResolution.Outcome.NOT_FOUND ? "not found in DNS: " : "DNS lookup failed: ")
				+ answer.detail();
	}

}
