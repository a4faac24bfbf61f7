package dev.certaudit.job;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Splits a run's targets into at most {@code gridSize} ranges of consecutive target ids holding as many
 * targets each as can be (NTILE over the ids, so gaps in the ids do not unbalance them). Called once per
 * run: a restart reuses the ranges the partitions' contexts keep.
 */
public class TargetRangePartitioner implements Partitioner {

	private final JdbcTemplate jdbc;

	private final long runId;

	public TargetRangePartitioner(DataSource dataSource, long runId) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.runId = runId;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		this.jdbc.query("SELECT MIN(target_id) AS first_id, MAX(target_id) AS last_id FROM"
				+ " (SELECT target_id, NTILE(?) OVER (ORDER BY target_id) AS tile FROM audit_target WHERE run_id = ?) tiles"
				+ " GROUP BY tile ORDER BY tile", (rs) -> {
					partitions.put("partition" + partitions.size(),
							new TargetRange(rs.getLong("first_id"), rs.getLong("last_id")).toContext());
				}, gridSize, this.runId);
		return partitions;
	}

}
