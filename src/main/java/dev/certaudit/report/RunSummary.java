package dev.certaudit.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.certaudit.analysis.Status;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.inventory.RejectedLine;

/**
 * What a report states about the run as a whole before its rows: identity, headline counts, what
 * discovery found and the inventory lines that were skipped.
 */
public record RunSummary(long runId, Instant startedAt, Instant generatedAt, List<String> inventories,
		Map<Status, Long> countsByStatus, List<RejectedLine> rejectedLines, Map<Outcome, Long> namesByOutcome) {

	public RunSummary {
		inventories = List.copyOf(inventories);
		countsByStatus = Map.copyOf(countsByStatus);
		rejectedLines = List.copyOf(rejectedLines);
		namesByOutcome = Map.copyOf(namesByOutcome);
	}

	/** Names discovery asked DNS about, with the given answer. */
	public long names(Outcome outcome) {
		return namesByOutcome.getOrDefault(outcome, 0L);
	}

	public long namesTried() {
		return namesByOutcome.values().stream().mapToLong(Long::longValue).sum();
	}

	public long count(Status status) {
		return countsByStatus.getOrDefault(status, 0L);
	}

	public long total() {
		return countsByStatus.values().stream().mapToLong(Long::longValue).sum();
	}

}
