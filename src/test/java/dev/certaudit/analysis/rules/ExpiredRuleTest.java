package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.probe.ProbeOutcome;

import static dev.certaudit.analysis.rules.Evidences.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class ExpiredRuleTest {

	private final ExpiredRule rule = new ExpiredRule();

	@Test
	void expiredLeafIsCritical() {
		Instant notAfter = NOW.minus(Duration.ofDays(3)).minus(Duration.ofHours(5));
		X509Certificate leaf = Evidences.leaf(notAfter.minus(Duration.ofDays(90)), notAfter);

		Finding finding = this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED)).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_EXPIRED");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo("expired on 2026-05-19T03:00:00Z (4 days ago)");
		assertThat(finding.remediation()).isEqualTo(this.rule.metadata().remediation()).startsWith("Renew the certificate now");
	}

	@Test
	void leafExpiredOneSecondAgoExpiredADayAgoAsDaysLeftCount() {
		X509Certificate leaf = Evidences.leaf(NOW.minus(Duration.ofDays(90)), NOW.minusSeconds(1));

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED)))
			.hasValueSatisfying((finding) -> assertThat(finding.message())
				.isEqualTo("expired on 2026-05-22T07:59:59Z (1 day ago)"));
	}

	@Test
	void certificateValidUntilTomorrowIsNotExpired() {
		X509Certificate leaf = Evidences.leaf(NOW.minus(Duration.ofDays(90)), NOW.plus(Duration.ofDays(1)));

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED))).isEmpty();
	}

	@Test
	void leafIsStillValidAtTheInstantOfItsNotAfter() {
		X509Certificate leaf = Evidences.leaf(NOW.minus(Duration.ofDays(90)), NOW);

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED))).isEmpty();
	}

	@Test
	void doesNotApplyWithoutAChain() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.REFUSED, "Connection refused"))).isEmpty();
	}

}
