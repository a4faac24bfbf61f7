package dev.certaudit.history;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The targets one partition of fetchAndAnalyse probes: those the manager dealt to slice {@code index}
 * ({@code target_slice}), or every target of the run ({@link #ALL}) when the step is not partitioned.
 * The index is kept in the partition's execution context, so a restart probes the same slice.
 */
public record TargetSlice(int index) {

	public static final String KEY = "targetSlice";

	/** Every target of a run: fetchAndAnalyse when it is not partitioned. */
	public static final TargetSlice ALL = new TargetSlice(-1);

	/** How partitions were cut before targets were dealt out: by ranges of target ids. */
	private static final String RANGE_KEY = "firstTargetId";

	/** The slice a partition's context holds, or {@link #ALL} for a step that is not a partition. */
	public static TargetSlice of(ExecutionContext context) {
		if (context.containsKey(KEY)) {
			return new TargetSlice(context.getInt(KEY));
		}
		if (context.containsKey(RANGE_KEY)) {
			// read as ALL, each of its partitions would probe the whole run at once
			throw new IllegalStateException("this partition was cut by an earlier cert-audit, by ranges of target"
					+ " ids; its run cannot be resumed by this one: audit the inventory anew (audit --new)");
		}
		return ALL;
	}

	public boolean isAll() {
		return this.index < 0;
	}

	public ExecutionContext toContext() {
		ExecutionContext context = new ExecutionContext();
		context.putInt(KEY, this.index);
		return context;
	}

}
