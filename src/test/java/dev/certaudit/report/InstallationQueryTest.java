package dev.certaudit.report;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The blast radius query on H2: every place a certificate is served, one certificate after another. */
@SpringBootTest
class InstallationQueryTest {

	private static final Instant SOON = Instant.parse("2026-06-01T09:00:00Z");

	private static final String SHOP = "aa".repeat(32);

	private static final String WWW = "bb".repeat(32);

	private static final Instant LATER = Instant.parse("2026-09-01T09:00:00Z");

	@Autowired
	RunStore store;

	@Autowired
	ReportQueries queries;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:installations;DB_CLOSE_DELAY=-1");
	}

	@Test
	void certificateServedOnSeveralPortsAndAddressesIsOneGroupSoonestExpiryFirst() throws IOException {
		AuditRun run = this.store.createRun(List.of("hosts:/etc/cert-audit/hosts.txt"), "test",
				ProcessHandle.current().pid());
		endpoint(run, 1, "www.example.test", 443, "192.0.2.1", "owner=web", WWW, LATER);
		endpoint(run, 2, "shop.example.test", 443, "192.0.2.2", "owner=shop", SHOP, SOON);
		endpoint(run, 3, "shop.example.test", 8443, "192.0.2.2", "owner=shop", SHOP, SOON);
		endpoint(run, 4, "shop.example.test", 443, "2001:db8::2", "owner=shop", SHOP, SOON);
		endpoint(run, 5, "api.example.test", 443, "192.0.2.5", "owner=api", SHOP, SOON);
		endpoint(run, 6, "down.example.test", 443, "192.0.2.6", "owner=web", null, null);
		AuditRun other = this.store.createRun(List.of("hosts:/srv/other.txt"), "test", ProcessHandle.current().pid());
		endpoint(other, 1, "shop.example.test", 443, "192.0.2.2", "owner=shop", SHOP, SOON);

		List<List<Installation>> batches = new ArrayList<>();
		this.queries.installations(run.runId(), 2, batches::add);

		assertThat(batches).hasSize(3);
		assertThat(batches.stream().flatMap(List::stream).toList())
			.extracting(Installation::sha256, Installation::places, Installation::host, Installation::port,
					Installation::address, Installation::owner)
			.containsExactly(tuple(SHOP, 4L, "api.example.test", 443, "192.0.2.5", "api"),
					tuple(SHOP, 4L, "shop.example.test", 443, "192.0.2.2", "shop"),
					tuple(SHOP, 4L, "shop.example.test", 443, "2001:db8::2", "shop"),
					tuple(SHOP, 4L, "shop.example.test", 8443, "192.0.2.2", "shop"),
					tuple(WWW, 1L, "www.example.test", 443, "192.0.2.1", "web"));
		assertThat(batches.getFirst().getFirst().notAfter()).isEqualTo(SOON);
		assertThat(batches.getFirst().getFirst().subject()).isEqualTo("CN=" + SHOP);
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

	private void endpoint(AuditRun run, long targetId, String host, int port, String address, String labels,
			String sha256, Instant notAfter) {
		this.jdbc.update("INSERT INTO audit_target (run_id, target_id, host, port, protocol, labels, origin)"
				+ " VALUES (?, ?, ?, ?, 'TLS', ?, 'hosts.txt:1')", run.runId(), targetId, host, port, labels);
		this.jdbc.update("INSERT INTO probe_result (run_id, target_id, address, outcome, fetched_at, duration_ms)"
				+ " VALUES (?, ?, ?, 'FETCHED', ?, 5)", run.runId(), targetId, address, SOON.atOffset(ZoneOffset.UTC));
		this.jdbc.update("INSERT INTO assessment (run_id, target_id, status, status_rank, not_after, subject, sha256)"
				+ " VALUES (?, ?, 'OK', 5, ?, ?, ?)", run.runId(), targetId,
				(notAfter != null) ? notAfter.atOffset(ZoneOffset.UTC) : null, (sha256 != null) ? "CN=" + sha256 : null,
				sha256);
	}

}
