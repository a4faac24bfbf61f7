package dev.certaudit.analysis.rules;

import static dev.certaudit.analysis.rules.Evidences.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;

/** The two thresholds of the default configuration: critical below 7 days, warning below 30. */
class ExpiringRuleTest {

	private final ExpiringRule critical = ExpiringRule.critical(7);

	private final ExpiringRule warning = ExpiringRule.warning(7, 30);

	@Test
	void thresholdsHaveIdsOfTheirOwn() {
		assertThat(this.critical.id().value()).isEqualTo("CRIT_CERT_EXPIRING");
		assertThat(this.critical.id().severity()).isEqualTo(Severity.CRITICAL);
		assertThat(this.warning.id().value()).isEqualTo("WARN_CERT_EXPIRING");
		assertThat(this.warning.id().severity()).isEqualTo(Severity.WARNING);
	}

	@Test
	void leafExpiringInUnderSevenDaysIsCriticalAndNotAlsoWarning() {
		Evidence evidence = expiringAfter(Duration.ofDays(7).minusSeconds(1));

		Finding finding = this.critical.evaluate(evidence).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_EXPIRING");
		assertThat(finding.message()).isEqualTo("expires on 2026-05-29T07:59:59Z, in 6 days (threshold 7)");
		assertThat(this.warning.evaluate(evidence)).isEmpty();
	}

	@Test
	void leafExpiringInExactlySevenDaysIsWarningNotCritical() {
		Evidence evidence = expiringAfter(Duration.ofDays(7));

		assertThat(this.critical.evaluate(evidence)).isEmpty();
		Finding finding = this.warning.evaluate(evidence).orElseThrow();
		assertThat(finding.ruleId().value()).isEqualTo("WARN_CERT_EXPIRING");
		assertThat(finding.message()).isEqualTo("expires on 2026-05-29T08:00:00Z, in 7 days (threshold 30)");
	}

	@Test
	void leafExpiringInUnderThirtyDaysIsWarning() {
		Evidence evidence = expiringAfter(Duration.ofDays(30).minusSeconds(1));

		assertThat(this.critical.evaluate(evidence)).isEmpty();
		assertThat(this.warning.evaluate(evidence)).hasValueSatisfying(
				(finding) -> assertThat(finding.message()).endsWith(", in 29 days (threshold 30)"));
	}

	@Test
	void leafExpiringInExactlyThirtyDaysIsNotFlagged() {
		Evidence evidence = expiringAfter(Duration.ofDays(30));

		assertThat(this.critical.evaluate(evidence)).isEmpty();
		assertThat(this.warning.evaluate(evidence)).isEmpty();
	}

	@Test
	void leafExpiringAtThisVeryInstantIsCriticalWithZeroDaysLeft() {
		Evidence evidence = expiringAfter(Duration.ZERO);

		assertThat(this.critical.evaluate(evidence)).hasValueSatisfying((finding) -> assertThat(finding.message())
			.isEqualTo("expires on 2026-05-22T08:00:00Z, in 0 days (threshold 7)"));
		assertThat(this.warning.evaluate(evidence)).isEmpty();
	}

	@Test
	void expiredLeafIsLeftToTheExpiredRule() {
		Evidence evidence = expiringAfter(Duration.ofSeconds(-1));

		assertThat(this.critical.evaluate(evidence)).isEmpty();
		assertThat(this.warning.evaluate(evidence)).isEmpty();
	}

	@Test
	void zeroCriticalDaysDisablesTheCriticalThresholdOnly() {
		Evidence evidence = expiringAfter(Duration.ofHours(3));

		assertThat(ExpiringRule.critical(0).evaluate(evidence)).isEmpty();
		assertThat(ExpiringRule.warning(0, 30).evaluate(evidence)).hasValueSatisfying(
				(finding) -> assertThat(finding.message()).endsWith(", in 0 days (threshold 30)"));
	}

	private static Evidence expiringAfter(Duration left) {
		Instant notAfter = NOW.plus(left);
		return Evidences.fetched(Evidences.leaf(notAfter.minus(Duration.ofDays(90)), notAfter),
				ChainValidation.TRUSTED);
	}

}
