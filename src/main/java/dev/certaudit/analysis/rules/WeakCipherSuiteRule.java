package dev.certaudit.analysis.rules;

import java.util.Optional;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The server chose RSA key transport, or a 3DES, RC4, NULL or export suite, although cert-audit offered
 * ECDHE and AEAD suites first: RSA key transport has no forward secrecy (a stolen key decrypts every
 * recorded session) and the others are broken ciphers.
 */
public final class WeakCipherSuiteRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("WARN_TLS_CIPHER_WEAK", 90,
			"the server chose RSA key exchange or a 3DES, RC4, NULL or export suite although modern ones were offered",
			"The server chose outdated encryption although better was offered.",
			"RFC 7525 4.2 (BCP 195: suites with forward secrecy and AEAD); RFC 7465 (no RC4); SWEET32 (CVE-2016-2183) for 3DES",
			"Prefer ECDHE suites with AES-GCM or ChaCha20-Poly1305 on the server, and remove RSA key exchange and 3DES/RC4 suites from its list.");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.handshake() != null && evidence.handshake().cipherSuite() != null;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		String suite = evidence.handshake().cipherSuite();
		if (suite.startsWith("TLS_RSA_WITH_")) {
			return Optional.of("the server chose " + suite + ": RSA key exchange, without forward secrecy");
		}
		for (String weak : new String[] { "_3DES_", "_RC4_", "_NULL_", "_EXPORT" }) {
			if (suite.contains(weak)) {
				return Optional.of("the server chose " + suite + ", a broken cipher");
			}
		}
		return Optional.empty();
	}

}
