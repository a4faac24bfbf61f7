package dev.certaudit.cli;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorPathsTest {

	private static final Path CALLER = Path.of("/home/ops/estate");

	private static final Path CHECKOUT = Path.of("").toAbsolutePath();

	@Test
	void pathTypedOnTheCommandLineIsReadFromTheOperatorsDirectory() {
		StandardEnvironment environment = environment(Map.of("cert-audit.ct.export", "ct/export.json",
				"cert-audit.trust.extra-store", "/etc/ssl/roots.pem", "cert-audit.dns.hosts-file", "hosts"));

		OperatorPaths.anchor(environment, CALLER);

		assertThat(environment.getProperty("cert-audit.ct.export")).isEqualTo("/home/ops/estate/ct/export.json");
		assertThat(environment.getProperty("cert-audit.trust.extra-store")).isEqualTo("/etc/ssl/roots.pem");
		assertThat(environment.getProperty("cert-audit.dns.hosts-file")).isEqualTo("/home/ops/estate/hosts");
	}

	@Test
	void pathsOfSettingsFilesAndDefaultsStayInTheCheckout() {
		StandardEnvironment environment = environment(Map.of());
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml", Map.of("cert-audit.reports-dir", "reports")));

		OperatorPaths.anchor(environment, CALLER);

		assertThat(environment.getProperty("cert-audit.reports-dir")).isEqualTo(CHECKOUT.resolve("reports").toString());
		assertThat(environment.getProperty("cert-audit.discovery.prefix-file"))
			.isEqualTo(CHECKOUT.resolve("jobs/prefixes.txt").toString());
	}

	@Test
	void emptyHostsFileStaysEmptyForNone() {
		StandardEnvironment environment = environment(Map.of("cert-audit.dns.hosts-file", ""));

		OperatorPaths.anchor(environment, CALLER);

		assertThat(environment.getProperty("cert-audit.dns.hosts-file")).isEmpty();
	}

	@Test
	void embeddedDatabaseTypedOnTheCommandLineIsReadFromTheOperatorsDirectory() {
		StandardEnvironment environment = environment(
				Map.of("spring.datasource.url", "jdbc:h2:file:./audit/cert-audit;DB_CLOSE_ON_EXIT=FALSE"));

		OperatorPaths.anchor(environment, CALLER);

		assertThat(environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:h2:file:/home/ops/estate/audit/cert-audit;DB_CLOSE_ON_EXIT=FALSE");
	}

	private static StandardEnvironment environment(Map<String, Object> commandLine) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("commandLineArgs", commandLine));
		return environment;
	}

}
