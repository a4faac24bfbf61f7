package dev.certaudit.report;

import java.time.Instant;
import java.util.Map;

import dev.certaudit.analysis.Status;

/**
 * What one run of the same inventories found, as a trend draws it.
 * @param expiring endpoints whose leaf expires within the warning threshold that run judged with
 */
public record TrendPoint(long runId, Instant startedAt, Map<Status, Long> countsByStatus, long expiring) {

	public TrendPoint {
		countsByStatus = Map.copyOf(countsByStatus);
	}

	public long count(Status status) {
		return this.countsByStatus.getOrDefault(status, 0L);
	}

	public long endpoints() {
		return this.countsByStatus.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Every status but OK. */
	public long needAction() {
		return endpoints() - count(Status.OK);
	}

}
