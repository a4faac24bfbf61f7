package dev.certaudit.job;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;

import dev.certaudit.analysis.Status;

/**
 * A past run as the {@code runs} command lists it.
 * @param expiring endpoints whose leaf expires within the warning threshold the run judged with
 */
public record RunRecord(long runId, LocalDateTime started, LocalDateTime ended, BatchStatus status,
		List<String> inventories, Map<Status, Long> countsByStatus, long expiring) {

	public RunRecord {
		inventories = List.copyOf(inventories);
		countsByStatus = Map.copyOf(countsByStatus);
	}

	public long count(Status status) {
		return this.countsByStatus.getOrDefault(status, 0L);
	}

	public long endpoints() {
		return this.countsByStatus.values().stream().mapToLong(Long::longValue).sum();
	}

	public long needAction() {
		return this.countsByStatus.entrySet().stream().filter((e) -> e.getKey().needsAction())
			.mapToLong(Map.Entry::getValue).sum();
	}

}
