package dev.certaudit.analysis.rules;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.revocation.RevocationStatus;
import dev.certaudit.probe.Handshake;

import static org.assertj.core.api.Assertions.assertThat;

class StapledOcspInvalidRuleTest {

	private final StapledOcspInvalidRule rule = new StapledOcspInvalidRule();

	private final Handshake handshake = new Handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256");

	@Test
	void staleStapleIsAWarning() {
		Finding finding = this.rule
			.evaluate(Evidences.handshake(this.handshake)
				.withHandshake(this.handshake,
						new RevocationStatus.Unknown("stale response: its nextUpdate 2026-05-01T00:00:00Z has passed")))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_OCSP_STAPLE_INVALID");
		assertThat(finding.message()).isEqualTo("the server staples an OCSP response that cannot be relied on:"
				+ " stale response: its nextUpdate 2026-05-01T00:00:00Z has passed");
	}

	@Test
	void goodStapleAndNoStaplePass() {
		assertThat(this.rule.evaluate(Evidences.handshake(this.handshake)
			.withHandshake(this.handshake, new RevocationStatus.Good("stapled OCSP response")))).isEmpty();
		assertThat(this.rule.evaluate(Evidences.handshake(this.handshake))).isEmpty();
	}

}
