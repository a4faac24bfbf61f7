package dev.certaudit.report;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.certaudit.analysis.Status;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RecordedRuns;

import static org.assertj.core.api.Assertions.assertThat;

/** What the reports learn from the inventory's labels, read back from H2. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:labels;DB_CLOSE_DELAY=-1")
@Import(RecordedRuns.class)
class LabelAndOwnerQueryTest {

	private static final Instant NOT_AFTER = Instant.parse("2026-09-01T09:00:00Z");

	@Autowired
	RecordedRuns runs;

	@Autowired
	ReportQueries queries;

	@Test
	void summaryNamesEveryLabelKeyOfTheRunOwnerContactAndEnvFirst() {
		AuditRun run = this.runs.newRun("hosts:/etc/cert-audit/labels.txt");
		endpoint(run, 1, "www.example.test", "env=prod owner=web zone=dmz");
		endpoint(run, 2, "shop.example.test", "contact=shop@example.test owner=shop tags=pci");
		endpoint(run, 3, "bare.example.test", "");
		AuditRun other = this.runs.newRun("hosts:/srv/other.txt");
		endpoint(other, 1, "www.example.test", "cost-centre=7 owner=web");

		assertThat(this.queries.summary(run, new ReportSettings("", Thresholds.DEFAULTS, List.of(), null, 30), (earlier) -> false).labelKeys()).containsExactly("owner", "contact",
				"env", "tags", "zone");
	}

	@Test
	void ownersAreSummedByTheDatabaseMostEndpointsNeedingActionFirst() throws IOException {
		AuditRun run = this.runs.newRun("hosts:/etc/cert-audit/owners.txt");
		judged(run, 1, "www.example.test", "owner=web", Status.OK, Instant.parse("2027-01-01T00:00:00Z"), 200);
		judged(run, 2, "old.example.test", "env=prod owner=web", Status.EXPIRED, Instant.parse("2026-05-01T00:00:00Z"),
				-3);
		judged(run, 3, "shop.example.test", "env=prod owner=shop", Status.CRITICAL,
				Instant.parse("2026-05-25T00:00:00Z"), 3);
		judged(run, 4, "pay.example.test", "contact=pay@example.test owner=shop tags=pci", Status.WARNING,
				Instant.parse("2026-06-10T00:00:00Z"), 19);
		// a key that ends in "owner" is another label
		this.runs.endpoint(run, 5, "down.example.test", 443).labels("co-owner=ops").assessed(Status.ERROR).save();
		judged(run, 6, "bare.example.test", "", Status.OK, Instant.parse("2027-05-01T00:00:00Z"), 340);
		AuditRun other = this.runs.newRun("hosts:/srv/other.txt");
		judged(other, 1, "shop.example.test", "owner=shop", Status.EXPIRED, NOT_AFTER, -1);

		List<List<OwnerSummary>> batches = new ArrayList<>();
		this.queries.owners(run.runId(), 2, batches::add);

		assertThat(batches).hasSize(2);
		assertThat(batches.stream().flatMap(List::stream).map(LabelAndOwnerQueryTest::describe)).containsExactly(
				"shop: 2 endpoints, 2 need action, soonest 2026-05-25T00:00:00Z (3 days) {CRITICAL=1, WARNING=1}",
				"web: 2 endpoints, 1 need action, soonest 2026-05-01T00:00:00Z (-3 days) {EXPIRED=1, OK=1}",
				"null: 2 endpoints, 1 need action, soonest 2027-05-01T00:00:00Z (340 days) {ERROR=1, OK=1}");
	}

	private static String describe(OwnerSummary owner) {
		Map<Status, Long> counts = new EnumMap<>(Status.class);
		owner.countsByStatus().forEach((status, count) -> {
			if (count > 0) {
				counts.put(status, count);
			}
		});
		return owner.owner() + ": " + owner.endpoints() + " endpoints, " + owner.needAction() + " need action, soonest "
				+ owner.soonestNotAfter() + " (" + owner.soonestDaysLeft() + " days) " + counts;
	}

	private void judged(AuditRun run, long targetId, String host, String labels, Status status, Instant notAfter,
			int daysLeft) {
		this.runs.endpoint(run, targetId, host, 443)
			.labels(labels)
			.fetchedFrom("192.0.2." + targetId)
			.assessed(status)
			.naming("CN=" + host, null, notAfter)
			.daysLeft(daysLeft)
			.save();
	}

	private void endpoint(AuditRun run, long targetId, String host, String labels) {
		this.runs.endpoint(run, targetId, host, 443)
			.labels(labels)
			.fetchedFrom("192.0.2." + targetId)
			.assessed(Status.OK)
			.naming("CN=" + host, null, NOT_AFTER)
			.save();
	}

}
