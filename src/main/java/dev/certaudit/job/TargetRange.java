package dev.certaudit.job;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * A run's targets from {@code first} to {@code last} target id, both included: the work of one partition
 * of fetchAndAnalyse, kept in the partition's execution context so a restart reruns the same range.
 */
public record TargetRange(long first, long last) {

	public static final String FIRST = "firstTargetId";

	public static final String LAST = "lastTargetId";

	/** Every target of a run: fetchAndAnalyse when it is not partitioned. */
	public static final TargetRange ALL = new TargetRange(Long.MIN_VALUE, Long.MAX_VALUE);

	/** The range a partition's context holds, or {@link #ALL} for a step that is not a partition. */
	public static TargetRange of(ExecutionContext context) {
		return context.containsKey(FIRST) ? new TargetRange(context.getLong(FIRST), context.getLong(LAST)) : ALL;
	}

	public ExecutionContext toContext() {
		ExecutionContext context = new ExecutionContext();
		context.putLong(FIRST, this.first);
		context.putLong(LAST, this.last);
		return context;
	}

}
