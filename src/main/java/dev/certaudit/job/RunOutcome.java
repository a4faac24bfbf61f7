package dev.certaudit.job;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;

import dev.certaudit.analysis.Status;

/**
 * How a run ended, for the command line to report and turn into an exit code.
 * @param failure the root reason when the job did not complete, else null
 * @param databaseLost the run failed because its database connection went away, and the next
 * {@code audit} or {@code restart} resumes it
 * @param mail what became of the run's report mail, in a few words ("mail sent to 3 recipients",
 * "mail not sent: disabled"); null when the job sends none, as the one that writes reports again
 */
public record RunOutcome(long runId, boolean resumed, BatchStatus batchStatus, String failure, boolean databaseLost,
		Map<Status, Long> countsByStatus, Path reportsDirectory, String mail) {

	public RunOutcome {
		countsByStatus = Map.copyOf(countsByStatus);
	}

	public long count(Status status) {
		return this.countsByStatus.getOrDefault(status, 0L);
	}

	public boolean completed() {
		return this.batchStatus == BatchStatus.COMPLETED;
	}

}
