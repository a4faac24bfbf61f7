package dev.certaudit.analysis.rules;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.probe.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class UnparseableCertificateRuleTest {

	private final UnparseableCertificateRule rule = new UnparseableCertificateRule();

	@Test
	void fetchedChainThatCouldNotBeParsedIsCritical() {
		Finding finding = this.rule
			.evaluate(Evidences.failed(ProbeOutcome.FETCHED, "Could not parse certificate: java.io.EOFException"))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_UNPARSEABLE");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message())
			.isEqualTo("certificate cannot be parsed: Could not parse certificate: java.io.EOFException");
	}

	@Test
	void parsedChainPasses() {
		var leaf = Evidences.leaf(Evidences.NOW.minus(Duration.ofDays(1)), Evidences.NOW.plus(Duration.ofDays(90)));

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED))).isEmpty();
	}

	@Test
	void failedFetchIsNotAnUnparseableCertificate() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.HANDSHAKE_FAILED, "bad record MAC"))).isEmpty();
	}

}
