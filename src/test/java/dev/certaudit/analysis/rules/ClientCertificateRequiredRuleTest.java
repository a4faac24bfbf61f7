package dev.certaudit.analysis.rules;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.probe.Handshake;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCertificateRequiredRuleTest {

	private final ClientCertificateRequiredRule rule = new ClientCertificateRequiredRule();

	@Test
	void serverThatAsksForAClientCertificateIsNotedWithHowTheHandshakeEnded() {
		Finding finding = this.rule
			.evaluate(Evidences.handshake(new Handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", null, true,
					true, "Received fatal alert: handshake_failure", null)))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("INFO_CLIENT_CERTIFICATE_REQUIRED");
		assertThat(finding.message()).isEqualTo("the server asks for a client certificate and ended the handshake"
				+ " without one (Received fatal alert: handshake_failure); its own chain was judged as sent");
	}

	@Test
	void serverThatAsksForNoClientCertificatePasses() {
		assertThat(this.rule.evaluate(Evidences.handshake(new Handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256"))))
			.isEmpty();
	}

}
