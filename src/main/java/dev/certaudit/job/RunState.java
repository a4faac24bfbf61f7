package dev.certaudit.job;

import org.springframework.batch.core.BatchStatus;

import dev.certaudit.history.AuditRun;

/**
 * A run and how its audit stands, as {@code prune} weighs it.
 * @param status of the run's last audit execution; null when it never started
 */
public record RunState(AuditRun run, BatchStatus status) {

	public long runId() {
		return this.run.runId();
	}

}
