package dev.certaudit.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.certaudit.history.ProbeStore;
import dev.certaudit.history.TargetSlice;

/**
 * Deals a run's targets, shuffled, out to its partitions ({@link ProbeStore#dealSlices}), so hosts
 * listed together or at regular steps, which are often slow or black-holed alike, neither set one
 * partition's tail nor make half the partitions slower than the rest. There are at least
 * {@code gridSize} partitions, more for a large estate (at most {@code partitionSize} targets each),
 * and a multiple of the partitions the live workers run at once: partitions of one size then end in
 * full rounds, with no worker idle while the last ones run. Called once per run: a restart reuses the
 * slices the partitions' contexts name.
 */
public class TargetSlicePartitioner implements Partitioner {

	private static final Logger log = LoggerFactory.getLogger(TargetSlicePartitioner.class);

	private final ProbeStore store;

	private final long runId;

	private final int partitionSize;

	private final IntSupplier workersAtOnce;

	/** @param workersAtOnce how many partitions the live workers run at once, all together */
	public TargetSlicePartitioner(ProbeStore store, long runId, int partitionSize, IntSupplier workersAtOnce) {
		this.store = store;
		this.runId = runId;
		this.partitionSize = partitionSize;
		this.workersAtOnce = workersAtOnce;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		long targets = this.store.discoveredTargets(this.runId);
		int atOnce = Math.max(1, this.workersAtOnce.getAsInt());
		long fewest = Math.max(gridSize, Math.ceilDiv(targets, this.partitionSize));
		int slices = (int) Math.min(targets, Math.ceilDiv(fewest, atOnce) * atOnce);
		this.store.dealSlices(this.runId, slices);
		log.info("Run {}: {} targets dealt out to {} partitions ({} at once on the workers serving now)", this.runId,
				targets, slices, atOnce);
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int slice = 0; slice < slices; slice++) {
			partitions.put("partition" + slice, new TargetSlice(slice).toContext());
		}
		return partitions;
	}

}
