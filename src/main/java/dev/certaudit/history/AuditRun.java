package dev.certaudit.history;

import java.time.Instant;
import java.util.List;

/** One audit: the inventories it read and the process that last worked on it. */
public record AuditRun(long runId, Instant createdAt, List<String> inventories, String ownerHost, long ownerPid) {

	public AuditRun {
		inventories = List.copyOf(inventories);
	}

}
