package dev.certaudit.history;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings stored before the unreachable rule's id agreed with the status it gives: the history speaks
 * the one vocabulary too, so a report written again from it, and the comparison with the next run, do.
 */
class RuleIdRenameMigrationTest {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:rule-id-rename;DB_CLOSE_DELAY=-1", "sa", "");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@Test
	void storedWarnEndpointUnreachableBecomesErrorEndpointUnreachableWithSeverityError() {
		List<MigrationInfo> migrations = Arrays.asList(flyway().load().info().all());
		int rename = migrations.stream()
			.map(MigrationInfo::getDescription)
			.toList()
			.indexOf("error endpoint unreachable rule id");
		assertThat(rename).as("the migration that renames the rule id").isPositive();
		flyway().target(migrations.get(rename - 1).getVersion()).load().migrate();
		this.jdbc.update("INSERT INTO audit_run (run_id, created_at, inventories, owner_host, owner_pid)"
				+ " VALUES (1, ?, 'hosts:/etc/cert-audit/hosts.txt', 'test', 1)",
				OffsetDateTime.parse("2026-05-22T08:00:00Z"));
		this.jdbc.update("INSERT INTO audit_target (run_id, target_id, host, port, protocol, labels, origin)"
				+ " VALUES (1, 1, 'gone.example.test', 443, 'TLS', '', 'hosts.txt:1')");
		finding(0, "WARN_ENDPOINT_UNREACHABLE", "WARNING");
		finding(1, "WARN_DNS_ANSWER_INCOMPLETE", "WARNING");

		flyway().load().migrate();

		assertThat(this.jdbc.queryForList("SELECT rule_id || ' ' || severity FROM finding ORDER BY ordinal",
				String.class))
			.containsExactly("ERROR_ENDPOINT_UNREACHABLE ERROR", "WARN_DNS_ANSWER_INCOMPLETE WARNING");
	}

	private void finding(int ordinal, String ruleId, String severity) {
		this.jdbc.update("INSERT INTO finding (run_id, target_id, ordinal, rule_id, severity, message, remediation)"
				+ " VALUES (1, 1, ?, ?, ?, 'timed out', 'Check that the host is up')", ordinal, ruleId, severity);
	}

	private FluentConfiguration flyway() {
		return Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.javaMigrations(new Rfc5952AddressesMigration());
	}

}
