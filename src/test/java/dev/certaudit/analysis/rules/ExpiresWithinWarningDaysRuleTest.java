package dev.certaudit.analysis.rules;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Thresholds;

import static dev.certaudit.analysis.rules.Evidences.expiringAfter;
import static org.assertj.core.api.Assertions.assertThat;

/** The thresholds of the default configuration: warning below 30 days, critical below 7. */
class ExpiresWithinWarningDaysRuleTest {

	private final ExpiresWithinWarningDaysRule rule = new ExpiresWithinWarningDaysRule(Thresholds.DEFAULTS);

	@Test
	void leafExpiringInExactlySevenDaysIsWarning() {
		Finding finding = this.rule.evaluate(expiringAfter(Duration.ofDays(7))).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_CERT_EXPIRING");
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.message()).isEqualTo("expires on 2026-05-29T08:00:00Z, in 7 days (threshold 30)");
	}

	@Test
	void leafExpiringInUnderThirtyDaysIsWarning() {
		assertThat(this.rule.evaluate(expiringAfter(Duration.ofDays(30).minusSeconds(1)))).hasValueSatisfying(
				(finding) -> assertThat(finding.message()).endsWith(", in 29 days (threshold 30)"));
	}

	@Test
	void leafExpiringInExactlyThirtyDaysIsNotFlagged() {
		assertThat(this.rule.evaluate(expiringAfter(Duration.ofDays(30)))).isEmpty();
	}

	@Test
	void leafExpiringInUnderSevenDaysIsLeftToTheCriticalThreshold() {
		assertThat(this.rule.evaluate(expiringAfter(Duration.ofDays(7).minusSeconds(1)))).isEmpty();
		assertThat(this.rule.evaluate(expiringAfter(Duration.ZERO))).isEmpty();
	}

	@Test
	void expiredLeafIsLeftToTheExpiredRule() {
		assertThat(this.rule.evaluate(expiringAfter(Duration.ofSeconds(-1)))).isEmpty();
	}

	@Test
	void withZeroCriticalDaysTheWarningCoversTheLastDay() {
		ExpiresWithinWarningDaysRule alone = new ExpiresWithinWarningDaysRule(new Thresholds(0, 30));

		assertThat(alone.evaluate(expiringAfter(Duration.ofHours(3)))).hasValueSatisfying(
				(finding) -> assertThat(finding.message()).endsWith(", in 0 days (threshold 30)"));
	}

}
