package dev.certaudit.analysis.rules;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Finding;
import dev.certaudit.probe.Handshake;
import dev.certaudit.probe.KeyExchange;

import static org.assertj.core.api.Assertions.assertThat;

class WeakDhGroupRuleTest {

	private final WeakDhGroupRule rule = new WeakDhGroupRule();

	@Test
	void dheGroupOfAThousandBitsIsAWarning() {
		Finding finding = this.rule.evaluate(dhe(new KeyExchange(KeyExchange.CUSTOM_DH, 1024))).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_TLS_DH_GROUP_WEAK");
		assertThat(finding.message()).isEqualTo("the server's Diffie-Hellman group is 1024 bits (DH 1024 bits)");
	}

	@Test
	void ffdheTwoThousandAndCurvesPass() {
		assertThat(this.rule.evaluate(dhe(new KeyExchange("ffdhe2048", 2048)))).isEmpty();
		assertThat(this.rule.evaluate(dhe(new KeyExchange("x25519", 256)))).isEmpty();
	}

	private static Evidence dhe(KeyExchange exchange) {
		return Evidences.handshake(new Handshake("TLSv1.2", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", exchange, true, false,
				null, null));
	}

}
