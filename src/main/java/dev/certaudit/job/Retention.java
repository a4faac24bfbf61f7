package dev.certaudit.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.springframework.batch.core.BatchStatus;

/**
 * Which runs {@code prune} keeps. The runs of each inventory (the same inventory files, as {@code audit}
 * resumes runs and the trend draws them) are weighed on their own: kept are the newest
 * {@code keepRuns} and those started within the last {@code keepDays}; a run either rule keeps is kept.
 * <p>
 * Of the others only runs whose work is over are pruned: a completed run, an abandoned one, and one that
 * failed, stopped or never started when a newer run of its inventories completed since. Whatever the
 * rules say, these stay:
 * <ul>
 * <li>the newest run of the inventories, which the next {@code audit} resumes if it did not complete;</li>
 * <li>the latest completed run, the baseline the next run's changes are counted from and the places
 * {@code check-delivery} and {@code --only-places-of} read;</li>
 * <li>a run that failed or stopped after the latest completed one, which {@code restart} may still finish;</li>
 * <li>a run Spring Batch records as running or UNKNOWN: a process may still work on it, and
 * {@code restart} recovers it.</li>
 * </ul>
 * @param keepRuns the newest runs of each inventory to keep, or null
 * @param keepDays the days within which a run started to be kept, or null
 */
public record Retention(Integer keepRuns, Integer keepDays) {

	/**
	 * @param runs every run, newest first
	 * @return the runs to prune, newest first
	 */
	public List<RunState> prunable(List<RunState> runs, Instant now) {
		Map<List<String>, List<RunState>> byInventories = new LinkedHashMap<>();
		runs.forEach((run) -> byInventories.computeIfAbsent(run.run().inventories(), (k) -> new ArrayList<>()).add(run));
		List<RunState> prunable = new ArrayList<>();
		for (List<RunState> newestFirst : byInventories.values()) {
			OptionalLong latestCompleted = newestFirst.stream()
				.filter((run) -> run.status() == BatchStatus.COMPLETED)
				.mapToLong(RunState::runId)
				.findFirst();
			for (int newer = 1; newer < newestFirst.size(); newer++) {
				RunState run = newestFirst.get(newer);
				if (!kept(newer, run, now) && over(run, latestCompleted)) {
					prunable.add(run);
				}
			}
		}
		prunable.sort(Comparator.comparingLong(RunState::runId).reversed());
		return prunable;
	}

	/** @param newer how many runs of the same inventories are newer */
	private boolean kept(int newer, RunState run, Instant now) {
		return (this.keepRuns != null && newer < this.keepRuns)
				|| (this.keepDays != null && run.run().createdAt().isAfter(now.minus(Duration.ofDays(this.keepDays))));
	}

	/** Whether nothing more can become of the run, given the latest completed run of its inventories. */
	private static boolean over(RunState run, OptionalLong latestCompleted) {
		if (run.status() == BatchStatus.COMPLETED) {
			return run.runId() != latestCompleted.getAsLong();
		}
		if (run.status() == BatchStatus.ABANDONED) {
			return true;
		}
		boolean ended = run.status() == null || run.status() == BatchStatus.FAILED
				|| run.status() == BatchStatus.STOPPED;
		return ended && latestCompleted.isPresent() && run.runId() < latestCompleted.getAsLong();
	}

}
