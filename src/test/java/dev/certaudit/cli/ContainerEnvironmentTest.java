package dev.certaudit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.probe.Pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The variables a container's environment sets (docs/kubernetes): each reaches the setting the docs
 * say, through application.yml's placeholders or Spring Boot's binding of variables, and a name that
 * reaches nothing is refused rather than ignored.
 */
class ContainerEnvironmentTest {

	@Test
	void variablesOfTheKubernetesExampleReachTheirSettings() throws IOException {
		String roots = Pem.encode(CertificateGenerator.root("CN=Root From A Secret").certificate());
		StandardEnvironment environment = postgresProfile(Map.ofEntries(Map.entry("SPRING_PROFILES_ACTIVE", "postgres"),
				Map.entry("CERT_AUDIT_DB_URL", "jdbc:postgresql://db.example.test:5432/certaudit"),
				Map.entry("CERT_AUDIT_DB_USER", "certaudit"), Map.entry("CERT_AUDIT_DB_PASSWORD", "db-secret"),
				Map.entry("SPRING_RABBITMQ_HOST", "mq.example.test"), Map.entry("SPRING_RABBITMQ_PORT", "5671"),
				Map.entry("SPRING_RABBITMQ_USERNAME", "certaudit"), Map.entry("SPRING_RABBITMQ_PASSWORD", "mq-secret"),
				Map.entry("CERT_AUDIT_TRUST_EXTRA_STORE", "/etc/cert-audit/trust/roots.p12"),
				Map.entry("CERT_AUDIT_TRUST_EXTRA_STORE_PASSWORD", "store-secret"),
				Map.entry("CERT_AUDIT_TRUST_EXTRA_PEM", roots),
				Map.entry("CERT_AUDIT_TRUST_INTERMEDIATES", "/etc/cert-audit/trust/intermediates"),
				Map.entry("CERT_AUDIT_REMOTE_QUEUE", "cert-audit.partitions"),
				Map.entry("CERT_AUDIT_REMOTE_PARTITION_SIZE", "20000"),
				Map.entry("CERT_AUDIT_REMOTE_READY_FILE", "/tmp/cert-audit/ready"),
				Map.entry("CERT_AUDIT_REMOTE_ALIVE_FILE", "/tmp/cert-audit/alive"),
				Map.entry("CERT_AUDIT_REMOTE_DRAIN_TIMEOUT", "5m")));

		StrictSettings.check(environment);

		Binder binder = Binder.get(environment);
		CertAuditProperties.Trust trust = binder.bindOrCreate("cert-audit", CertAuditProperties.class).trust();
		assertThat(trust.extraStore()).isEqualTo(Path.of("/etc/cert-audit/trust/roots.p12"));
		assertThat(trust.extraStorePassword()).isEqualTo("store-secret");
		assertThat(trust.extraPem()).as("PEM with its line breaks").isEqualTo(roots);
		assertThat(trust.intermediates()).isEqualTo(Path.of("/etc/cert-audit/trust/intermediates"));
		CertAuditProperties.Remote remote = binder.bindOrCreate("cert-audit", CertAuditProperties.class).remote();
		assertThat(remote.readyFile()).isEqualTo(Path.of("/tmp/cert-audit/ready"));
		assertThat(remote.aliveFile()).isEqualTo(Path.of("/tmp/cert-audit/alive"));
		assertThat(remote.partitionSize()).isEqualTo(20000);
		assertThat(binder.bind("spring.datasource.url", String.class).get())
			.isEqualTo("jdbc:postgresql://db.example.test:5432/certaudit");
		assertThat(binder.bind("spring.datasource.username", String.class).get()).isEqualTo("certaudit");
		assertThat(binder.bind("spring.datasource.password", String.class).get()).isEqualTo("db-secret");
		RabbitProperties broker = binder.bindOrCreate("spring.rabbitmq", RabbitProperties.class);
		assertThat(List.of(broker.getHost(), broker.getPort(), broker.getUsername(), broker.getPassword()))
			.containsExactly("mq.example.test", 5671, "certaudit", "mq-secret");
	}

	@Test
	void variableWithoutTheUnderscoreOfItsSettingsDashIsRefusedNamingTheOneMeant() throws IOException {
		StandardEnvironment environment = postgresProfile(
				Map.of("CERT_AUDIT_TRUST_EXTRASTORE", "/etc/cert-audit/trust/roots.pem"));

		assertThat(Binder.get(environment).bindOrCreate("cert-audit", CertAuditProperties.class).trust().extraStore())
			.as("Spring Boot binds CERT_AUDIT_TRUST_EXTRA_STORE and CERTAUDIT_TRUST_EXTRASTORE, not this")
			.isNull();
		assertThatThrownBy(() -> StrictSettings.check(environment)).isInstanceOf(SettingsException.class)
			.hasMessage("unknown setting CERT_AUDIT_TRUST_EXTRASTORE in the environment; did you mean"
					+ " CERT_AUDIT_TRUST_EXTRA_STORE (cert-audit.trust.extra-store)?");
	}

	/** The environment as Spring Boot makes it with the postgres profile: variables, then the profile's file, then application.yml. */
	private static StandardEnvironment postgresProfile(Map<String, Object> variables) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		for (String file : List.of("application-postgres.yml", "application.yml")) {
			for (PropertySource<?> document : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
				environment.getPropertySources().addLast(document);
			}
		}
		return environment;
	}

}
