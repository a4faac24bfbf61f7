package dev.certaudit.report;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.certaudit.analysis.Status;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RecordedRuns;

import static org.assertj.core.api.Assertions.assertThat;

/** What a report states about a run as a whole, read from the project's tables on H2. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:summary-queries;DB_CLOSE_DELAY=-1")
@Import(RecordedRuns.class)
class SummaryQueriesTest {

	private static final Instant SOON = Instant.parse("2026-06-01T09:00:00Z");

	private static final Instant LATER = Instant.parse("2026-09-01T09:00:00Z");

	private static final Instant PAST = Instant.parse("2026-05-01T09:00:00Z");

	@Autowired
	RecordedRuns runs;

	@Autowired
	ReportQueries queries;

	@Test
	void eachOwnerHasItsEndpointsThoseNeedingActionAndItsSoonestExpiryAndTheUnlabelledTheirOwnRowLast() {
		AuditRun run = this.runs.newRun("hosts:/etc/cert-audit/owners.txt");
		endpoint(run, 1, "owner=web env=prod", Status.OK, LATER, 100);
		endpoint(run, 2, "env=test owner=web", Status.WARNING, SOON, 10);
		endpoint(run, 3, "owner=web", Status.ERROR, null, null);
		endpoint(run, 4, "contact=ops@example.test owner=shop", Status.EXPIRED, PAST, -21);
		endpoint(run, 5, "owner=shop", Status.CRITICAL, LATER, 100);
		endpoint(run, 6, "owner=api", Status.OK, LATER, 100);
		endpoint(run, 7, "env=prod", Status.CRITICAL, SOON, 10);
		endpoint(run, 8, "", Status.OK, null, null);
		AuditRun other = this.runs.newRun("hosts:/etc/cert-audit/other.txt");
		endpoint(other, 1, "owner=web", Status.EXPIRED, PAST, -21);

		assertThat(this.queries.owners(run.runId())).containsExactly(
				new OwnerSummary("shop", 2, 2, PAST, -21), new OwnerSummary("web", 3, 2, SOON, 10),
				new OwnerSummary("api", 1, 0, LATER, 100), new OwnerSummary(null, 2, 1, SOON, 10));
	}

	private void endpoint(AuditRun run, long targetId, String labels, Status status, Instant notAfter,
			Integer daysLeft) {
		RecordedRuns.Endpoint endpoint = this.runs.endpoint(run, targetId, "host-" + targetId + ".example.test", 443)
			.labels(labels)
			.fetchedFrom("192.0.2." + targetId)
			.assessed(status)
			.naming((notAfter != null) ? "CN=host-" + targetId : null, null, notAfter);
		if (daysLeft != null) {
			endpoint.daysLeft(daysLeft);
		}
		endpoint.save();
	}

}
