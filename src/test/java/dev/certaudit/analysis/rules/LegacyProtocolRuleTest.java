package dev.certaudit.analysis.rules;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.probe.Handshake;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyProtocolRuleTest {

	private final LegacyProtocolRule rule = new LegacyProtocolRule();

	@Test
	void serverWhoseBestIsTlsOneZeroIsCritical() {
		Finding finding = this.rule
			.evaluate(Evidences.handshake(new Handshake("TLSv1", "TLS_RSA_WITH_AES_128_CBC_SHA")))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_TLS_PROTOCOL_LEGACY");
		assertThat(finding.message()).isEqualTo("the server speaks at best TLSv1 (with TLS_RSA_WITH_AES_128_CBC_SHA)");
	}

	@Test
	void serverWhoseBestIsTlsOneOneIsCritical() {
		assertThat(this.rule.evaluate(Evidences.handshake(new Handshake("TLSv1.1", "TLS_RSA_WITH_AES_128_CBC_SHA"))))
			.isPresent();
	}

	@Test
	void tlsOneTwoAndOneThreePass() {
		assertThat(this.rule.evaluate(Evidences.handshake(new Handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))))
			.isEmpty();
		assertThat(this.rule.evaluate(Evidences.handshake(new Handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256")))).isEmpty();
	}

}
