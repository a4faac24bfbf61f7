package dev.certaudit.discovery;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.certaudit.inventory.AuditCandidate;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

import static org.assertj.core.api.Assertions.assertThat;

class AddressFanOutTest {

	@Test
	void guessedNameThatDoesNotExistIsNoTarget() {
		AuditCandidate guessed = guessed("owa.example.test");

		assertThat(AddressFanOut.targets(List.of(guessed),
				Map.of("owa.example.test", Optional.of(NameResolution.notFound("owa.example.test", List.of(), "NXDOMAIN")))))
			.isEmpty();
	}

	/** A DNS outage says nothing about the estate: the names it hid are rows in error, not a clean run. */
	@Test
	void guessedNameWhoseLookupFailedStaysATargetWithTheReason() {
		AuditCandidate guessed = guessed("vpn.example.test");

		List<AuditTarget> targets = AddressFanOut.targets(List.of(guessed), Map.of("vpn.example.test",
				Optional.of(NameResolution.failed("vpn.example.test", List.of(), "no answer from 127.0.0.1:53"))));

		assertThat(targets).singleElement()
			.satisfies((target) -> assertThat(target.unresolved())
				.isEqualTo("DNS lookup failed: no answer from 127.0.0.1:53"));
	}

	private static AuditCandidate guessed(String name) {
		return new AuditCandidate(1, 1000, new Target(name, 443, Protocol.TLS, null, Map.of(), "domains.txt:1"), false);
	}

}
