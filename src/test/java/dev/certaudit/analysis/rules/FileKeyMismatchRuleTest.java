package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.probe.ProbeOutcome;

import static dev.certaudit.analysis.rules.Evidences.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class FileKeyMismatchRuleTest {

	private final FileKeyMismatchRule rule = new FileKeyMismatchRule();

	private final X509Certificate leaf = Evidences.leaf(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)));

	@Test
	void fileWhoseKeyBelongsToAnotherCertificateIsCritical() {
		Finding finding = this.rule.evaluate(Evidences.file(this.leaf, false)).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_FILE_KEY_MISMATCH");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo(
				"the file's private key does not belong to its certificate CN=www.example.test (no certificate in the file matches the key)");
		assertThat(finding.remediation()).isEqualTo(this.rule.metadata().remediation());
	}

	@Test
	void fileWithTheLeafsOwnKeyPasses() {
		assertThat(this.rule.evaluate(Evidences.file(this.leaf, true))).isEmpty();
	}

	@Test
	void fileWithoutKeyIsNotJudged() {
		assertThat(this.rule.evaluate(Evidences.file(this.leaf, null))).isEmpty();
	}

	@Test
	void endpointIsNotJudged() {
		assertThat(this.rule.evaluate(Evidences.fetched(this.leaf, ChainValidation.TRUSTED))).isEmpty();
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.FILE_UNREADABLE, "garbage"))).isEmpty();
	}

}
