package dev.certaudit.analysis.rules;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Thresholds;

import static dev.certaudit.analysis.rules.Evidences.expiringAfter;
import static org.assertj.core.api.Assertions.assertThat;

/** The thresholds of the default configuration: critical below 7 days. */
class ExpiresWithinCriticalDaysRuleTest {

	private final ExpiresWithinCriticalDaysRule rule = new ExpiresWithinCriticalDaysRule(Thresholds.DEFAULTS);

	@Test
	void leafExpiringInUnderSevenDaysIsCritical() {
		Finding finding = this.rule.evaluate(expiringAfter(Duration.ofDays(7).minusSeconds(1))).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_EXPIRING");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo("expires on 2026-05-29T07:59:59Z, in 6 days (threshold 7)");
	}

	@Test
	void leafExpiringInExactlySevenDaysIsNotCritical() {
		assertThat(this.rule.evaluate(expiringAfter(Duration.ofDays(7)))).isEmpty();
	}

	@Test
	void leafExpiringAtThisVeryInstantIsCriticalWithZeroDaysLeft() {
		assertThat(this.rule.evaluate(expiringAfter(Duration.ZERO))).hasValueSatisfying((finding) -> assertThat(
				finding.message())
			.isEqualTo("expires on 2026-05-22T08:00:00Z, in 0 days (threshold 7)"));
	}

	@Test
	void expiredLeafIsLeftToTheExpiredRule() {
		assertThat(this.rule.evaluate(expiringAfter(Duration.ofSeconds(-1)))).isEmpty();
	}

	@Test
	void zeroCriticalDaysDisablesTheCriticalThreshold() {
		ExpiresWithinCriticalDaysRule disabled = new ExpiresWithinCriticalDaysRule(new Thresholds(0, 30));

		assertThat(disabled.evaluate(expiringAfter(Duration.ofHours(3)))).isEmpty();
	}

}
