package dev.certaudit.analysis.rules;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.probe.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class DnsAnswerIncompleteRuleTest {

	private final DnsAnswerIncompleteRule rule = new DnsAnswerIncompleteRule();

	@Test
	void refusedAaaaLookupIsAWarningNamingTheNameTheFamilyAndTheCode() {
		Finding finding = this.rule.evaluate(trusted().withUnansweredLookup("AAAA lookup failed: REFUSED"))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_DNS_ANSWER_INCOMPLETE");
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.message()).isEqualTo(Evidences.HOST
				+ ": AAAA lookup failed: REFUSED; only the addresses DNS gave for the other family were audited");
	}

	@Test
	void unreachableEndpointIsStillWarnedThatItsNameWasAnsweredInPart() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.REFUSED, "Connection refused")
			.withUnansweredLookup("A lookup failed: SERVFAIL")))
			.hasValueSatisfying((finding) -> assertThat(finding.message()).contains("A lookup failed: SERVFAIL"));
	}

	@Test
	void nameAnsweredInFullIsNotFlagged() {
		assertThat(this.rule.evaluate(trusted())).isEmpty();
	}

	private static Evidence trusted() {
		return Evidences.fetched(
				Evidences.leaf(Evidences.NOW.minus(Duration.ofDays(1)), Evidences.NOW.plus(Duration.ofDays(90))),
				ChainValidation.TRUSTED);
	}

}
