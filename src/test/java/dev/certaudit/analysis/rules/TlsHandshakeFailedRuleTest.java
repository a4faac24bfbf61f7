package dev.certaudit.analysis.rules;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.probe.Handshake;
import dev.certaudit.probe.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class TlsHandshakeFailedRuleTest {

	private final TlsHandshakeFailedRule rule = new TlsHandshakeFailedRule();

	@Test
	void plainTextServiceIsCritical() {
		Finding finding = this.rule
			.evaluate(Evidences.failed(ProbeOutcome.NOT_TLS, "Unsupported or unrecognized SSL message"))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_TLS_HANDSHAKE_FAILED");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message())
			.isEqualTo("the service does not speak TLS: Unsupported or unrecognized SSL message");
	}

	@Test
	void failedHandshakeIsCritical() {
		assertThat(this.rule
			.evaluate(Evidences.failed(ProbeOutcome.HANDSHAKE_FAILED, "Received fatal alert: handshake_failure")))
			.hasValueSatisfying((finding) -> assertThat(finding.message())
				.isEqualTo("TLS handshake failed: Received fatal alert: handshake_failure"));
	}

	@Test
	void serviceRefusingStartTlsIsCritical() {
		Finding finding = this.rule.evaluate(Evidences.failed(ProbeOutcome.STARTTLS_REFUSED, "454 4.7.0 TLS not available"))
			.orElseThrow();

		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo("the service did not agree to STARTTLS: 454 4.7.0 TLS not available");
	}

	/** A server that cannot load its certificate or key answers 454 to every STARTTLS: no client gets TLS. */
	@Test
	void startTlsPutOffOnEveryAttemptIsCritical() {
		Finding finding = this.rule
			.evaluate(Evidences.failed(ProbeOutcome.STARTTLS_DEFERRED, "454 4.7.0 TLS not available due to local problem"))
			.orElseThrow();

		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo(
				"the service put STARTTLS off for now, on every attempt: 454 4.7.0 TLS not available due to local problem");
	}

	@ParameterizedTest
	@EnumSource(names = { "DNS_FAILURE", "REFUSED", "TIMEOUT", "IO_ERROR", "TRY_LATER" })
	void unreachableEndpointIsLeftToTheUnreachableRule(ProbeOutcome outcome) {
		assertThat(this.rule.evaluate(Evidences.failed(outcome, "detail"))).isEmpty();
	}

	@Test
	void unreadableCertificateFileIsLeftToTheFileRule() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.FILE_UNREADABLE, "keystore password was incorrect")))
			.isEmpty();
	}

	@Test
	void fetchedButUnparseableChainIsNotAHandshakeFailure() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.FETCHED, "Could not parse certificate")))
			.isEmpty();
	}

	@Test
	void fetchedChainIsNotAHandshakeFailure() {
		var leaf = Evidences.leaf(Evidences.NOW.minus(Duration.ofDays(1)), Evidences.NOW.plus(Duration.ofDays(90)));

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED))).isEmpty();
	}

	@Test
	void handshakeThatFailedAfterTheChainArrivedIsCriticalAndTheChainJudged() {
		Finding finding = this.rule.evaluate(Evidences.handshake(new Handshake("TLSv1.2",
				"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", null, true, false, "Received fatal alert: decrypt_error", null)))
			.orElseThrow();

		assertThat(finding.message()).isEqualTo("TLS handshake failed after the server sent its certificate, which was"
				+ " judged: Received fatal alert: decrypt_error");
	}

	@Test
	void handshakeEndedForWantOfAClientCertificateIsLeftToItsOwnRule() {
		assertThat(this.rule.evaluate(Evidences.handshake(new Handshake("TLSv1.2",
				"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", null, true, true, "Received fatal alert: handshake_failure",
				null))))
			.isEmpty();
	}

}
