package dev.certaudit.history;

import java.time.Instant;
import java.util.List;

/**
 * One audit: the inventories it read and the process that last worked on it.
 * @param ownerLease the lease that process holds, or null for a run owned before leases were recorded
 */
public record AuditRun(long runId, Instant createdAt, List<String> inventories, String ownerHost, long ownerPid,
		String ownerLease) {

	public AuditRun {
		inventories = List.copyOf(inventories);
	}

}
