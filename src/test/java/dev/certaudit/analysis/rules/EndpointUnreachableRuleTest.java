package dev.certaudit.analysis.rules;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.probe.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointUnreachableRuleTest {

	private final EndpointUnreachableRule rule = new EndpointUnreachableRule();

	@Test
	void refusedConnectionIsAnErrorNamingTheCause() {
		Finding finding = this.rule.evaluate(Evidences.failed(ProbeOutcome.REFUSED, "Connection refused"))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("ERROR_ENDPOINT_UNREACHABLE");
		assertThat(finding.severity()).isEqualTo(Severity.ERROR);
		// the id, the severity and the endpoint's status say the same: ERROR, and the run exits 2
		assertThat(finding.severity().status()).isEqualTo(Status.ERROR);
		assertThat(finding.message()).isEqualTo("connection refused");
	}

	/** The JDK's own words for a refused connection are the outcome's: said once, not twice. */
	@Test
	void reasonThatRepeatsTheOutcomeIsSaidOnce() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.TIMEOUT, "Timed out")))
			.hasValueSatisfying((finding) -> assertThat(finding.message()).isEqualTo("timed out"));
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.TIMEOUT, "Connect timed out")))
			.hasValueSatisfying((finding) -> assertThat(finding.message()).isEqualTo("timed out: Connect timed out"));
	}

	@Test
	void unresolvableNameIsUnreachable() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.DNS_FAILURE, "cannot resolve gone.example.test")))
			.hasValueSatisfying((finding) -> assertThat(finding.message())
				.isEqualTo("name does not resolve: cannot resolve gone.example.test"));
	}

	/** Not a certificate problem: the audit never got to the certificate. */
	@Test
	void serverThatKeptSayingTryLaterIsAnErrorQuotingItsReply() {
		Finding finding = this.rule
			.evaluate(Evidences.failed(ProbeOutcome.TRY_LATER, "421 4.7.0 Too many concurrent connections"))
			.orElseThrow();

		assertThat(finding.severity()).isEqualTo(Severity.ERROR);
		assertThat(finding.message())
			.isEqualTo("the server said to try again later: 421 4.7.0 Too many concurrent connections");
	}

	@ParameterizedTest
	@EnumSource(names = { "DNS_FAILURE", "REFUSED", "TIMEOUT", "IO_ERROR", "TRY_LATER" })
	void everyUnreachableOutcomeFires(ProbeOutcome outcome) {
		assertThat(this.rule.evaluate(Evidences.failed(outcome, "detail")))
			.hasValueSatisfying((finding) -> assertThat(finding.message()).isEqualTo(outcome.description() + ": detail"));
	}

	@ParameterizedTest
	@EnumSource(names = { "NOT_TLS", "STARTTLS_REFUSED", "STARTTLS_DEFERRED", "HANDSHAKE_FAILED" })
	void endpointThatAnsweredIsNotUnreachable(ProbeOutcome outcome) {
		assertThat(this.rule.evaluate(Evidences.failed(outcome, "detail"))).isEmpty();
	}

	@Test
	void fetchedChainIsNotUnreachable() {
		var leaf = Evidences.leaf(Evidences.NOW.minus(Duration.ofDays(1)), Evidences.NOW.plus(Duration.ofDays(90)));

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED))).isEmpty();
	}

}
