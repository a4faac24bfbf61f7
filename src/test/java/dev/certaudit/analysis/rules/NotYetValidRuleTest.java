package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.probe.ProbeOutcome;

import static dev.certaudit.analysis.rules.Evidences.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class NotYetValidRuleTest {

	private final NotYetValidRule rule = new NotYetValidRule();

	@Test
	void leafValidFromTheDayAfterTomorrowIsNotYetValid() {
		X509Certificate leaf = Evidences.leaf(NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(90)));

		Finding finding = this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED)).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_NOT_YET_VALID");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo("not valid before 2026-05-24T08:00:00Z");
	}

	@Test
	void leafIsValidFromTheInstantOfItsNotBefore() {
		X509Certificate leaf = Evidences.leaf(NOW, NOW.plus(Duration.ofDays(90)));

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED))).isEmpty();
	}

	@Test
	void expiredLeafIsNotReportedAsNotYetValid() {
		X509Certificate leaf = Evidences.leaf(NOW.minus(Duration.ofDays(90)), NOW.minus(Duration.ofDays(1)));

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED))).isEmpty();
	}

	@Test
	void doesNotApplyWithoutAChain() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.TIMEOUT, "connect timed out"))).isEmpty();
	}

}
