package dev.certaudit.history;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What changed since the previous run of the same inventories.
 * @param previousRunId null when this is the first completed run of these inventories: nothing to compare
 * @param previousRunStartedAt when the previous run started; null with {@code previousRunId}
 */
public record RunChanges(Long previousRunId, Instant previousRunStartedAt, List<EndpointChange> changes) {

	public static final RunChanges FIRST_RUN = new RunChanges(null, null, List.of());

	public RunChanges {
		changes = List.copyOf(changes);
	}

	public Map<ChangeKind, Long> counts() {
		Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
		for (ChangeKind kind : ChangeKind.values()) {
			counts.put(kind, 0L);
		}
		this.changes.forEach((change) -> counts.merge(change.kind(), 1L, Long::sum));
		return counts;
	}

}
