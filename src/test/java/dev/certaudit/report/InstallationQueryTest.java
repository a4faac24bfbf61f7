package dev.certaudit.report;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.certaudit.analysis.Status;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RecordedRuns;

import static org.assertj.core.api.Assertions.assertThat;

/** The blast radius query on H2: every place a certificate is served, one certificate after another. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:installations;DB_CLOSE_DELAY=-1")
@Import(RecordedRuns.class)
class InstallationQueryTest {

	private static final Instant SOON = Instant.parse("2026-06-01T09:00:00Z");

	private static final String SHOP = "aa".repeat(32);

	private static final String WWW = "bb".repeat(32);

	private static final Instant LATER = Instant.parse("2026-09-01T09:00:00Z");

	@Autowired
	RecordedRuns runs;

	@Autowired
	ReportQueries queries;

	@Test
	void certificateServedOnSeveralPortsAndAddressesIsOneGroupSoonestExpiryFirst() throws IOException {
		AuditRun run = this.runs.newRun("hosts:/etc/cert-audit/hosts.txt");
		endpoint(run, 1, "www.example.test", 443, "192.0.2.1", "owner=web", WWW, LATER);
		endpoint(run, 2, "shop.example.test", 443, "192.0.2.2", "owner=shop", SHOP, SOON);
		endpoint(run, 3, "shop.example.test", 8443, "192.0.2.2", "owner=shop", SHOP, SOON);
		endpoint(run, 4, "shop.example.test", 443, "2001:db8::2", "owner=shop", SHOP, SOON);
		endpoint(run, 5, "api.example.test", 443, "192.0.2.5", "owner=api", SHOP, SOON);
		endpoint(run, 6, "down.example.test", 443, "192.0.2.6", "owner=web", null, null);
		AuditRun other = this.runs.newRun("hosts:/srv/other.txt");
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
		this.runs.endpoint(run, targetId, host, port)
			.labels(labels)
			.fetchedFrom(address)
			.assessed(Status.OK)
			.naming((sha256 != null) ? "CN=" + sha256 : null, null, notAfter)
			.identifiedBy(null, sha256)
			.save();
	}

}
