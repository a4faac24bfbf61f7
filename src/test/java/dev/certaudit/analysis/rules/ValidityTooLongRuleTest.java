package dev.certaudit.analysis.rules;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;

import static org.assertj.core.api.Assertions.assertThat;

class ValidityTooLongRuleTest {

	private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

	private final ValidityTooLongRule rule = new ValidityTooLongRule();

	@Test
	void twoYearLeafIsValidForTooLong() {
		Finding finding = this.rule
			.evaluate(Evidences.fetched(Evidences.leaf(ISSUED, ISSUED.plus(Duration.ofDays(730))),
					ChainValidation.TRUSTED))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("INFO_CERT_VALIDITY_TOO_LONG");
		assertThat(finding.severity()).isEqualTo(Severity.INFO);
		assertThat(finding.message()).isEqualTo("CN=www.example.test is valid for 730 days"
				+ " (2026-01-01T00:00:00Z to 2028-01-01T00:00:00Z), more than the 398 days allowed");
	}

	@Test
	void leafAnHourOverTheLimitReadsAsTheNextDay() {
		Instant notAfter = ISSUED.plus(Duration.ofDays(398)).plus(Duration.ofHours(1));

		assertThat(this.rule.evaluate(Evidences.fetched(Evidences.leaf(ISSUED, notAfter), ChainValidation.TRUSTED)))
			.hasValueSatisfying((finding) -> assertThat(finding.message()).startsWith(
					"CN=www.example.test is valid for 399 days"));
	}

	@Test
	void leafValidFor398DaysPasses() {
		assertThat(this.rule.evaluate(Evidences.fetched(Evidences.leaf(ISSUED, ISSUED.plus(Duration.ofDays(398))),
				ChainValidation.TRUSTED)))
			.isEmpty();
	}

	@Test
	void leafIssuedBeforeSeptember2020IsNotJudged() {
		Instant issued = Instant.parse("2020-03-01T00:00:00Z");

		assertThat(this.rule.evaluate(Evidences.fetched(Evidences.leaf(issued, issued.plus(Duration.ofDays(825))),
				ChainValidation.TRUSTED)))
			.isEmpty();
	}

}
