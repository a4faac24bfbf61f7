package dev.certaudit.report;

import java.time.Instant;

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

		assertThat(this.queries.summary(run, "", Thresholds.DEFAULTS).labelKeys()).containsExactly("owner", "contact",
				"env", "tags", "zone");
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
