package dev.certaudit.history;

import org.junit.jupiter.api.Test;

import dev.certaudit.history.RunJudgement.Setting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The settings a run recorded, read back as its reports list them. */
class RunJudgementTest {

	@Test
	void eachLineIsASettingInTheOrderRecordedItsValueRunningToTheLinesEnd() {
		RunJudgement judgement = RunJudgement.of("0123456789abcdef".repeat(4),
				"fetch.retries=2\ntrust.anchors=sha256:00ff (3 certificates)\nexample.query=a=b");

		assertThat(judgement.settings()).containsExactly(new Setting("fetch.retries", "2"),
				new Setting("trust.anchors", "sha256:00ff (3 certificates)"), new Setting("example.query", "a=b"));
		assertThat(judgement.quotedDigest()).isEqualTo("0123456789ab");
	}

	@Test
	void aLineWithoutASettingsNameIsRefusedNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> Setting.parse("=2"))
			.withMessage("A judgement setting is not setting=value: =2");
	}

}
