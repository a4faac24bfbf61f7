package dev.certaudit.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;

import dev.certaudit.history.AuditRun;

import static org.assertj.core.api.Assertions.assertThat;

/** Which runs prune lets go: the rules keep per inventory, and what stays whatever they say. */
class RetentionTest {

	private static final Instant NOW = Instant.parse("2026-06-01T02:15:00Z");

	private static final String NIGHTLY = "hosts:/etc/cert-audit/hosts.txt";

	private static final String WEEKLY = "domains:/etc/cert-audit/domains.txt";

	private final List<RunState> runs = new ArrayList<>();

	@Test
	void keepRunsKeepsTheNewestRunsOfEachInventoryApart() {
		run(1, NIGHTLY, BatchStatus.COMPLETED);
		run(2, WEEKLY, BatchStatus.COMPLETED);
		run(3, NIGHTLY, BatchStatus.COMPLETED);
		run(4, WEEKLY, BatchStatus.COMPLETED);
		run(5, NIGHTLY, BatchStatus.COMPLETED);
		run(6, WEEKLY, BatchStatus.COMPLETED);
		run(7, NIGHTLY, BatchStatus.COMPLETED);

		assertThat(pruned(new Retention(2, null))).containsExactly(3L, 2L, 1L);
	}

	@Test
	void latestCompletedRunAndTheFailuresAfterItStayWhenNewerRunsFailed() {
		run(1, NIGHTLY, BatchStatus.COMPLETED);
		run(2, NIGHTLY, BatchStatus.COMPLETED);
		run(3, NIGHTLY, BatchStatus.FAILED);
		run(4, NIGHTLY, BatchStatus.STOPPED);

		assertThat(pruned(new Retention(1, null))).containsExactly(1L);
	}

	@Test
	void failedStoppedAndNeverStartedRunsGoOnceALaterRunCompleted() {
		run(1, NIGHTLY, BatchStatus.FAILED);
		run(2, NIGHTLY, BatchStatus.STOPPED);
		run(3, NIGHTLY, null);
		run(4, NIGHTLY, BatchStatus.COMPLETED);
		run(5, NIGHTLY, BatchStatus.COMPLETED);
		run(6, WEEKLY, BatchStatus.FAILED);
		run(7, WEEKLY, BatchStatus.FAILED);

		assertThat(pruned(new Retention(1, null))).containsExactly(4L, 3L, 2L, 1L);
	}

	@Test
	void runRecordedAsRunningOrUnknownIsNeverPruned() {
		run(1, NIGHTLY, BatchStatus.STARTING);
		run(2, NIGHTLY, BatchStatus.STARTED);
		run(3, NIGHTLY, BatchStatus.STOPPING);
		run(4, NIGHTLY, BatchStatus.UNKNOWN);
		run(5, NIGHTLY, BatchStatus.COMPLETED);
		run(6, NIGHTLY, BatchStatus.COMPLETED);

		assertThat(pruned(new Retention(1, null))).containsExactly(5L);
	}

	@Test
	void abandonedRunGoesEvenWithoutACompletedOne() {
		run(1, NIGHTLY, BatchStatus.ABANDONED);
		run(2, NIGHTLY, BatchStatus.FAILED);
		run(3, NIGHTLY, BatchStatus.ABANDONED);

		assertThat(pruned(new Retention(1, null))).containsExactly(1L);
	}

	@Test
	void keepDaysKeepsTheRunsStartedWithinThemAndEitherRuleKeepsARun() {
		runDaysAgo(1, 40);
		runDaysAgo(2, 35);
		runDaysAgo(3, 20);
		runDaysAgo(4, 10);
		runDaysAgo(5, 1);

		assertThat(pruned(new Retention(null, 30))).containsExactly(2L, 1L);
		assertThat(pruned(new Retention(4, 30))).containsExactly(1L);
		assertThat(pruned(new Retention(2, 15))).containsExactly(3L, 2L, 1L);
	}

	private List<Long> pruned(Retention retention) {
		List<RunState> newestFirst = this.runs.stream().sorted(Comparator.comparingLong(RunState::runId).reversed()).toList();
		return retention.prunable(newestFirst, NOW).stream().map(RunState::runId).toList();
	}

	private void run(long runId, String inventory, BatchStatus status) {
		this.runs.add(new RunState(new AuditRun(runId, NOW.minus(Duration.ofDays(100 - runId)), List.of(inventory),
				"test", 1, null), status));
	}

	private void runDaysAgo(long runId, int days) {
		this.runs.add(new RunState(new AuditRun(runId, NOW.minus(Duration.ofDays(days)), List.of(NIGHTLY), "test", 1, null),
				BatchStatus.COMPLETED));
	}

}
