package dev.certaudit.job;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.certaudit.history.ProbeStore;
import dev.certaudit.history.TargetSlice;

/**
 * Deals a run's targets out to its partitions in turn ({@link ProbeStore#dealSlices}), so hosts listed
 * together, which are often slow or black-holed alike, do not set one partition's tail. There are at
 * least {@code gridSize} partitions, and more for a large estate, at most {@code partitionSize} targets
 * each: a worker takes one partition at a time, so small ones keep every worker busy to the end.
 * Called once per run: a restart reuses the slices the partitions' contexts name.
 */
public class TargetSlicePartitioner implements Partitioner {

	private final ProbeStore store;

	private final long runId;

	private final int partitionSize;

	public TargetSlicePartitioner(ProbeStore store, long runId, int partitionSize) {
		this.store = store;
		this.runId = runId;
		this.partitionSize = partitionSize;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		long targets = this.store.discoveredTargets(this.runId);
		int slices = (int) Math.min(targets, Math.max(gridSize, Math.ceilDiv(targets, this.partitionSize)));
		this.store.dealSlices(this.runId, slices);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int slice = 0; slice < slices; slice++) {
			partitions.put("partition" + slice, new TargetSlice(slice).toContext());
		}
		return partitions;
	}

}
