package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.revocation.RevocationStatus;
import dev.certaudit.probe.ProbeOutcome;

import static dev.certaudit.analysis.rules.Evidences.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class RevocationUnknownRuleTest {

	private final RevocationUnknownRule rule = new RevocationUnknownRule();

	private final X509Certificate leaf = Evidences.leaf(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));

	@Test
	void unestablishedStatusIsAWarningSayingWhy() {
		RevocationStatus unknown = new RevocationStatus.Unknown("no OCSP responder or CRL distribution point");

		Finding finding = this.rule.evaluate(Evidences.revocation(this.leaf, unknown)).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_REVOCATION_UNKNOWN");
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.message())
			.isEqualTo("revocation status unknown: no OCSP responder or CRL distribution point");
		assertThat(finding.remediation()).isEqualTo(this.rule.metadata().remediation());
	}

	@Test
	void establishedStatusPasses() {
		assertThat(this.rule.evaluate(Evidences.revocation(this.leaf, new RevocationStatus.Good("OCSP http://o.test"))))
			.isEmpty();
		assertThat(this.rule.evaluate(Evidences.revocation(this.leaf,
				new RevocationStatus.Revoked(Instant.parse("2026-05-20T10:15:00Z"), "superseded", "OCSP http://o.test"))))
			.isEmpty();
	}

	@Test
	void leafIsNotJudgedWhenCheckingIsOff() {
		assertThat(this.rule.evaluate(Evidences.revocation(this.leaf, null))).isEmpty();
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.TIMEOUT, "timed out"))).isEmpty();
	}

}
