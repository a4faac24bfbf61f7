package dev.certaudit.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.certaudit.inventory.AuditCandidate;
import dev.certaudit.inventory.IpLiterals;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

/**
 * Fans each candidate out to one target per address of its name, so every backend behind a
 * load-balanced name is probed with the name as SNI. A guessed name (from a domain or a zone) that DNS
 * says does not exist stays a discovery row only; a name listed by hand, and any name whose lookup
 * failed (a DNS outage says nothing about the estate, so it must not read as all clear), stays a target
 * that the report shows as unresolved, never a missing row. A certificate file is its own single target.
 */
public final class AddressFanOut {

	private AddressFanOut() {
	}

	/**
	 * The targets of some names' candidates, given in inventory order, with what the hosts file or DNS
	 * answered for each name (empty where nothing was looked up).
	 */
	public static List<AuditTarget> targets(List<AuditCandidate> candidates,
			Map<String, Optional<NameResolution>> resolutions) {
		// a name reached from a host list, a domain and a zone is still one endpoint per address: the
		// first candidate to name it (inventory order) keeps its labels
		Set<String> endpoints = new HashSet<>();
		List<AuditTarget> targets = new ArrayList<>();
		for (AuditCandidate candidate : candidates) {
			for (AuditTarget target : fanOut(candidate, resolutions.get(candidate.target().host()))) {
				Target t = target.target();
				if (endpoints.add(t.host() + " " + t.port() + " " + t.protocol() + " " + t.address())) {
					targets.add(target);
				}
			}
		}
		return targets;
	}

	private static List<AuditTarget> fanOut(AuditCandidate candidate, Optional<NameResolution> resolution) {
		Target target = candidate.target();
		if (target.protocol() == Protocol.FILE) {
			return List.of(AuditTarget.of(candidate, 0, target, null, null));
		}
		if (target.address() != null || IpLiterals.isIpLiteral(target.host())) {
			String address = IpLiterals.normalised((target.address() != null) ? target.address() : target.host());
			return List.of(AuditTarget.of(candidate, 0, at(target, address), null, null));
		}
		NameResolution answer = resolution.orElseThrow();
		if (answer.outcome() != NameResolution.Outcome.FOUND) {
			boolean reported = candidate.explicit() || answer.outcome() == NameResolution.Outcome.FAILED;
			return reported ? List.of(AuditTarget.of(candidate, 0, target, describe(answer), null)) : List.of();
		}
		List<String> addresses = answer.addresses().stream().limit(AuditTarget.MAX_ADDRESSES).toList();
		List<AuditTarget> targets = new ArrayList<>();
		for (int i = 0; i < addresses.size(); i++) {
			// a found name's detail is what DNS left unanswered: every address it gave carries it to the rules
			targets.add(AuditTarget.of(candidate, i, at(target, addresses.get(i)), null, answer.detail()));
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
