package dev.certaudit.analysis.rules;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.probe.Handshake;

import static org.assertj.core.api.Assertions.assertThat;

class WeakCipherSuiteRuleTest {

	private final WeakCipherSuiteRule rule = new WeakCipherSuiteRule();

	@Test
	void rsaKeyExchangeChosenOverOfferedEcdheIsAWarning() {
		Finding finding = this.rule
			.evaluate(Evidences.handshake(new Handshake("TLSv1.2", "TLS_RSA_WITH_AES_256_GCM_SHA384")))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_TLS_CIPHER_WEAK");
		assertThat(finding.message())
			.isEqualTo("the server chose TLS_RSA_WITH_AES_256_GCM_SHA384: RSA key exchange, without forward secrecy");
	}

	@Test
	void tripleDesSuiteIsAWarning() {
		assertThat(this.rule.evaluate(Evidences.handshake(new Handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"))))
			.hasValueSatisfying((finding) -> assertThat(finding.message()).contains("a broken cipher"));
	}

	@Test
	void ecdheWithAeadPasses() {
		assertThat(this.rule.evaluate(Evidences.handshake(new Handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))))
			.isEmpty();
	}

}
