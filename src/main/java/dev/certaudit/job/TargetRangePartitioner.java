package dev.certaudit.job;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits a run's targets into contiguous, equally sized ranges of target id, one per partition. The
 * ranges are stored in each partition's ExecutionContext, so a restart reruns exactly the unfinished
 * partitions over the same targets.
 */
public class TargetRangePartitioner implements Partitioner {

	static final String FIRST_TARGET = "firstTargetId";

	static final String LAST_TARGET = "lastTargetId";

	private final JdbcTemplate jdbc;

	private final long runId;

	private final int partitions;

	public TargetRangePartitioner(JdbcTemplate jdbc, long runId, int partitions) {
		this.jdbc = jdbc;
		this.runId = runId;
		this.partitions = partitions;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		List<Long> ids = this.jdbc.queryForList(
				"SELECT target_id FROM audit_target WHERE run_id = ? ORDER BY target_id", Long.class, this.runId);
		Map<String, ExecutionContext> ranges = new HashMap<>();
		int count = Math.max(1, Math.min(this.partitions, ids.size()));
		for (int p = 0; p < count && !ids.isEmpty(); p++) {
			int from = (int) ((long) ids.size() * p / count);
			int to = (int) ((long) ids.size() * (p + 1) / count) - 1;
			ExecutionContext context = new ExecutionContext();
			context.putLong(FIRST_TARGET, ids.get(from));
			context.putLong(LAST_TARGET, ids.get(to));
			ranges.put("targets" + p, context);
		}
		return ranges;
	}

}
