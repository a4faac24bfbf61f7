package dev.certaudit.cli;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The environment's part: a variable set by hand, in a systemd EnvironmentFile or a crontab. */
class StrictSettingsTest {

	@Test
	void variableOfAnUnknownSettingIsRefusedNamingTheVariableMeant() {
		assertThatThrownBy(() -> StrictSettings.check(environment(Map.of("CERT_AUDIT_MAIL_ENABLE", "true"))))
			.isInstanceOf(SettingsException.class)
			.hasMessage("unknown setting CERT_AUDIT_MAIL_ENABLE in the environment; did you mean"
					+ " CERT_AUDIT_MAIL_ENABLED (cert-audit.mail.enabled)?");
	}

	@Test
	void variablesOfSettingsOfTheLauncherAndOfPlaceholdersAreAccepted() {
		StandardEnvironment environment = environment(Map.of("CERT_AUDIT_FETCH_RETRIES", "2", "CERTAUDIT_FETCH_RETRYBACKOFF",
				"1s", "CERT_AUDIT_MAIL_TO_0", "ops@example.test", "CERT_AUDIT_JAVA_OPTS", "-Xmx1g", "CERT_AUDIT_CALLER_DIR",
				"/home/ops", "CERT_AUDIT_DB_URL", "jdbc:postgresql://db.example.test/certaudit", "PATH", "/usr/bin"));
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml",
					Map.of("spring.datasource.url", "${CERT_AUDIT_DB_URL:jdbc:h2:mem:x}")));

		assertThatCode(() -> StrictSettings.check(environment)).doesNotThrowAnyException();
	}

	@Test
	void badValueInTheEnvironmentNamesTheVariable() {
		assertThatThrownBy(() -> StrictSettings.check(environment(Map.of("CERT_AUDIT_FETCH_RETRIES", "three"))))
			.isInstanceOf(SettingsException.class)
			.hasMessage("cert-audit.fetch.retries: 'three' is not a whole number from 0 to 20"
					+ " (CERT_AUDIT_FETCH_RETRIES in the environment)");
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

}
