package dev.certaudit.analysis.rules;

import java.util.Optional;
import java.util.Set;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Rule;
import dev.certaudit.analysis.RuleMetadata;

/**
 * The best protocol the server speaks is TLS 1.1 or older: cert-audit offers up to TLS 1.3, so what was
 * negotiated is the server's best. RFC 8996 deprecates TLS 1.0 and 1.1, and current browsers, Java and
 * mail clients refuse them, so its clients fail whatever its certificate says.
 */
public final class LegacyProtocolRule implements Rule {

	private static final RuleMetadata METADATA = new RuleMetadata("CRIT_TLS_PROTOCOL_LEGACY", 15,
			"the server's best protocol is TLS 1.1 or older, which current clients refuse",
			"The server offers only outdated versions of TLS, which current browsers and clients refuse.",
			"RFC 8996 (TLS 1.0 and 1.1 deprecated); CA/Browser Forum and PCI DSS forbid them; browsers and JDK 25 disable them",
			"Enable TLS 1.2 and 1.3 on the server (or the appliance's firmware that has them), then turn TLS 1.0 and 1.1 off.");

	private static final Set<String> LEGACY = Set.of("SSLv3", "TLSv1", "TLSv1.1");

	@Override
	public RuleMetadata metadata() {
		return METADATA;
	}

	@Override
	public boolean appliesTo(Evidence evidence) {
		return evidence.handshake() != null && evidence.handshake().protocol() != null;
	}

	@Override
	public Optional<String> check(Evidence evidence) {
		String protocol = evidence.handshake().protocol();
		return LEGACY.contains(protocol)
				? Optional.of("the server speaks at best " + protocol + " (with " + evidence.handshake().cipherSuite() + ")")
				: Optional.empty();
	}

}
