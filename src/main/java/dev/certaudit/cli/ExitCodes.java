package dev.certaudit.cli;

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
		if (!outcome.completed()) {
			return RUN_FAILED;
		}
		if (outcome.count(Status.ERROR) + outcome.count(Status.EXPIRED) + outcome.count(Status.NOT_YET_VALID)
				+ outcome.count(Status.CRITICAL) > 0) {
			return CRITICAL;
		}
		return (outcome.count(Status.WARNING) > 0) ? WARNINGS : OK;
	}

}
