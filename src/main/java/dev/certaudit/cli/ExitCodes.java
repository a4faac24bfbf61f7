package dev.certaudit.cli;

import java.util.Map;
import java.util.stream.Stream;

import org.springframework.batch.core.BatchStatus;

import dev.certaudit.analysis.Status;
import dev.certaudit.job.RunOutcome;

/**
 * Process exit codes a scheduler or monitoring system can act on (documented in the README).
 */
public final class ExitCodes {

	/** Every endpoint is fine. */
	public static final int OK = 0;

	/** Something expires within the warning threshold; nothing worse. */
	public static final int WARNINGS = 1;

	/** Something is expired, critical, not yet valid, or could not be fetched. */
	public static final int CRITICAL = 2;

	/** The audit itself failed or was refused (bad inventory, database down ...): restart it. */
	public static final int RUN_FAILED = 3;

	/** The command line was wrong. */
	public static final int USAGE = 64;

	private ExitCodes() {
	}

	public static int of(RunOutcome outcome) {
		return of(outcome.batchStatus(), outcome.countsByStatus());
	}

	/** The code a run that ended so, with these counts, exits with. */
	public static int of(BatchStatus status, Map<Status, Long> counts) {
		if (status != BatchStatus.COMPLETED) {
			return RUN_FAILED;
		}
		if (Stream.of(Status.ERROR, Status.EXPIRED, Status.NOT_YET_VALID, Status.CRITICAL)
			.anyMatch((s) -> counts.getOrDefault(s, 0L) > 0)) {
			return CRITICAL;
		}
		return (counts.getOrDefault(Status.WARNING, 0L) > 0) ? WARNINGS : OK;
	}

}
