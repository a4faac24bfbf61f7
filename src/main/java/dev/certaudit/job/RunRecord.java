package dev.certaudit.job;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.BatchStatus;

import dev.certaudit.analysis.Status;

/** A past run as the {@code runs} command lists it. */
public record RunRecord(long runId, LocalDateTime started, LocalDateTime ended, BatchStatus status,
		List<String> inventories, Map<Status, Long> countsByStatus) {
}
