package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.probe.KeyExchange;

/**
 * The server's finite-field Diffie-Hellman group has a prime under 2048 bits: Logjam showed such groups
 * (1024-bit ones above all, shared by many servers) within reach of a well-funded attacker, and current
 * clients refuse groups under 1024 bits outright.
 */
public final class WeakDhGroupRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("WARN_TLS_DH_GROUP_WEAK", 100,
			"the server's DHE group is under 2048 bits",
			"The server agrees its encryption keys in a way too weak to be safe.",
			"RFC 7919 (ffdhe groups of 2048 bits and up); Logjam (CVE-2015-4000); NIST SP 800-57 (2048 bits for 112-bit security)",
			"Configure a DH group of at least 2048 bits (RFC 7919 ffdhe2048 or larger), or prefer ECDHE suites.");

	private static final int MINIMUM_BITS = 2048;

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.handshake() != null && evidence.handshake().keyExchange() != null
				&& evidence.handshake().keyExchange().finiteFieldDh();
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		KeyExchange exchange = evidence.handshake().keyExchange();
		return (exchange.bits() < MINIMUM_BITS)
				? Optional.of("the server's Diffie-Hellman group is " + exchange.bits() + " bits (" + exchange + ")")
				: Optional.empty();
	}

}
