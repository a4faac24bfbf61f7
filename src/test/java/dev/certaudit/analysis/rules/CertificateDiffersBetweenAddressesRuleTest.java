package dev.certaudit.analysis.rules;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.AcrossAddressesRule.Served;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateDiffersBetweenAddressesRuleTest {

	private static final String ENDPOINT = "app.example.test:443";

	private static final Served CURRENT = new Served("192.0.2.1", "aa11", "1001",
			Instant.parse("2027-05-22T08:00:00Z"));

	private static final Served CURRENT_ELSEWHERE = new Served("192.0.2.3", "aa11", "1001",
			Instant.parse("2027-05-22T08:00:00Z"));

	private static final Served OLD = new Served("192.0.2.2", "bb22", "0fff", Instant.parse("2026-06-01T08:00:00Z"));

	private final CertificateDiffersBetweenAddressesRule rule = new CertificateDiffersBetweenAddressesRule();

	@Test
	void backendLeftWithTheOldCertificateIsAWarningNamingEveryAddress() {
		Finding finding = this.rule.evaluate(ENDPOINT, List.of(CURRENT, OLD)).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("WARN_CERT_DIFFERS_BETWEEN_ADDRESSES");
		assertThat(finding.severity()).isEqualTo(Severity.WARNING);
		assertThat(finding.message()).isEqualTo("app.example.test:443 serves 2 different certificates across its"
				+ " addresses: 192.0.2.1 serial 1001 expiring 2027-05-22T08:00:00Z;"
				+ " 192.0.2.2 serial 0fff expiring 2026-06-01T08:00:00Z");
		assertThat(finding.remediation()).isEqualTo(this.rule.metadata().remediation());
	}

	@Test
	void differentCertificatesAreCountedOnceEachWhileEveryAddressIsListed() {
		Finding finding = this.rule.evaluate(ENDPOINT, List.of(CURRENT, OLD, CURRENT_ELSEWHERE)).orElseThrow();

		assertThat(finding.message()).startsWith("app.example.test:443 serves 2 different certificates")
			.contains("192.0.2.1 serial 1001", "192.0.2.2 serial 0fff", "192.0.2.3 serial 1001");
	}

	@Test
	void addressesServingTheSameCertificatePass() {
		assertThat(this.rule.evaluate(ENDPOINT, List.of(CURRENT, CURRENT_ELSEWHERE))).isEmpty();
	}

	@Test
	void singleAddressHasNothingToDifferFrom() {
		assertThat(this.rule.evaluate(ENDPOINT, List.of(OLD))).isEmpty();
	}

}
