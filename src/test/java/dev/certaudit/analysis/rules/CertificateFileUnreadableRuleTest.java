package dev.certaudit.analysis.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.probe.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateFileUnreadableRuleTest {

	private final CertificateFileUnreadableRule rule = new CertificateFileUnreadableRule();

	@Test
	void pkcs12WithTheWrongPasswordIsCritical() {
		Finding finding = this.rule
			.evaluate(Evidences.failed(ProbeOutcome.FILE_UNREADABLE,
					"wrong password or damaged PKCS#12 file (keystore password was incorrect)"))
			.orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_FILE_UNREADABLE");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo(
				"the certificate file cannot be read: wrong password or damaged PKCS#12 file (keystore password was incorrect)");
	}

	@ParameterizedTest
	@EnumSource(mode = EnumSource.Mode.EXCLUDE, names = "FILE_UNREADABLE")
	void otherOutcomesAreLeftToTheirRules(ProbeOutcome outcome) {
		assertThat(this.rule.evaluate(Evidences.failed(outcome, "detail"))).isEmpty();
	}

}
