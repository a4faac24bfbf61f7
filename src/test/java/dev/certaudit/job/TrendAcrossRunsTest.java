package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.analysis.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The History sheet and the PDF's trend chart show the completed runs of the same inventories up to the
 * run reported, whatever the inventory listed each time: not a run that failed, nor one of other files.
 */
@SpringBootTest
class TrendAcrossRunsTest extends AuditJobTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:trend-across-runs;DB_CLOSE_DELAY=-1");
		estateProperties(registry);
	}

	@Autowired
	AuditLauncher launcher;

	@Test
	void historyAndTrendShowTheCompletedRunsOfTheSameInventoriesOldestFirst() throws Exception {
		Path inventory = ESTATE.directory().resolve("trend.txt");
		RunOutcome first = audit(inventory, "valid.test", "expired.test");
		Files.writeString(inventory, "broken.test:44x3\n");
		assertThat(this.launcher.audit(hosts(inventory), 8, AuditLauncher.StartMode.NEW).completed()).isFalse();
		audit(ESTATE.directory().resolve("trend-elsewhere.txt"), "valid.test");
		RunOutcome second = audit(inventory, "valid.test", "expired.test", "expiring.test");
		RunOutcome third = audit(inventory, "valid.test", "expiring.test", "renew-soon.test");

		Path reports = REPORTS.resolve(String.valueOf(third.runId()));
		List<String> history = historySheet(onlyFile(reports, ".xlsx"));
		assertThat(history).hasSize(4);
		assertThat(history.getFirst()).isEqualTo("Run|Started (UTC)|Endpoints|Need action|ERROR|EXPIRED|NOT_YET_VALID"
				+ "|CRITICAL|WARNING|OK|Expiring within warning days");
		// run, then (after the start) endpoints, need action, each status and expiring, as each run judged
		assertThat(history.subList(1, 4).stream().map((row) -> row.replaceFirst("\\|[^|]+", "")))
			.containsExactly(recorded(first.runId(), 2), recorded(second.runId(), 3), recorded(third.runId(), 3));
		assertThat(pdfText(onlyFile(reports, ".pdf"))).contains("Trend: the last 3 runs of these inventories");
	}

	private RunOutcome audit(Path inventory, String... hosts) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (String host : hosts) {
			lines.append(host).append(':').append(ESTATE.cases().get(host).port()).append(" address=127.0.0.1\n");
		}
		Files.writeString(inventory, lines);
		RunOutcome outcome = this.launcher.audit(hosts(inventory), 8, AuditLauncher.StartMode.NEW);
		assertThat(outcome.completed()).isTrue();
		return outcome;
	}

	/**
	 * What the run recorded, as the History sheet should show it after the run's start. The statuses are
	 * read back rather than expected, so a handshake that a loaded machine let time out does not fail the
	 * test; the expiring endpoints are those with an expiry finding.
	 */
	private String recorded(long runId, int endpoints) {
		Map<String, Status> statuses = statusByHost(runId);
		assertThat(statuses).hasSize(endpoints);
		long expiring = ruleIdsByHost(runId).values()
			.stream()
			.filter((rules) -> rules.contains("CRIT_CERT_EXPIRING") || rules.contains("WARN_CERT_EXPIRING"))
			.count();
		return runId + "|" + endpoints + "|" + statuses.values().stream().filter(Status::needsAction).count() + "|"
				+ Arrays.stream(Status.values())
					.map((status) -> Long.toString(Collections.frequency(statuses.values(), status)))
					.collect(Collectors.joining("|"))
				+ "|" + expiring;
	}
}
