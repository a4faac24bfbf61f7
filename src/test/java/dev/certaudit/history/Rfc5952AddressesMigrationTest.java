package dev.certaudit.history;

import java.time.OffsetDateTime;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A database written before cert-audit wrote IPv6 addresses in RFC 5952's form, migrated. */
class Rfc5952AddressesMigrationTest {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:rfc5952-migration;DB_CLOSE_DELAY=-1", "sa", "");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@Test
	void ipv6AddressesStoredAsTheJdkWroteThemAreRewrittenAsRfc5952Says() {
		int before = Integer.parseInt(Rfc5952AddressesMigration.VERSION.getVersion()) - 1;
		flyway().target(MigrationVersion.fromVersion(String.valueOf(before))).load().migrate();
		OffsetDateTime started = OffsetDateTime.parse("2026-05-22T08:00:00Z");
		this.jdbc.update("INSERT INTO audit_run (run_id, created_at, inventories, owner_host, owner_pid)"
				+ " VALUES (1, ?, 'hosts:/etc/cert-audit/hosts.txt', 'test', 1)", started);
		this.jdbc.update("INSERT INTO audit_candidate (run_id, candidate_id, host, port, protocol, address, labels,"
				+ " origin, explicit) VALUES (1, 1, 'pinned.example.test', 443, 'TLS', '2001:DB8:0:0:0:0:0:1', '',"
				+ " 'hosts.txt:1', TRUE)");
		target(1, "portal.example.test", "0:0:0:0:0:0:0:1");
		target(2, "portal.example.test", "127.0.0.1");
		target(3, "gone.example.test", null);
		this.jdbc.update("INSERT INTO probe_result (run_id, target_id, address, outcome, fetched_at, duration_ms)"
				+ " VALUES (1, 1, '0:0:0:0:0:0:0:1', 'FETCHED', ?, 5)", started);
		this.jdbc.update("INSERT INTO discovered_name (run_id, name, outcome, cname_chain, addresses)"
				+ " VALUES (1, 'portal.example.test', 'FOUND', '', '127.0.0.1 0:0:0:0:0:0:0:1 fd00:0:0:0:0:0:0:2')");

		flyway().javaMigrations(new Rfc5952AddressesMigration()).load().migrate();

		assertThat(this.jdbc.queryForObject("SELECT address FROM audit_candidate", String.class))
			.isEqualTo("2001:db8::1");
		assertThat(this.jdbc.queryForList("SELECT address FROM audit_target ORDER BY target_id", String.class))
			.containsExactly("::1", "127.0.0.1", null);
		assertThat(this.jdbc.queryForObject("SELECT address FROM probe_result", String.class)).isEqualTo("::1");
		assertThat(this.jdbc.queryForObject("SELECT addresses FROM discovered_name", String.class))
			.isEqualTo("127.0.0.1 ::1 fd00::2");
	}

	private void target(long targetId, String host, String address) {
		this.jdbc.update("INSERT INTO audit_target (run_id, target_id, host, port, protocol, address, labels, origin)"
				+ " VALUES (1, ?, ?, 443, 'TLS', ?, '', 'hosts.txt:1')", targetId, host, address);
	}

	private FluentConfiguration flyway() {
		return Flyway.configure()
			.dataSource(this.dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2");
	}

}
