package dev.certaudit.job;

import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which worker may run each partition ({@code partition_claim}): the fence that keeps a partition to
 * one worker at a time. RabbitMQ delivers a request again when it loses sight of the consumer that had
 * it (its connection closed, or the worker died); the claim tells a worker whether the partition's
 * holder is still at work, in which case the second delivery is dropped, or gone, in which case the
 * claim passes to the new worker, atomically, so two workers never both take it over.
 */
@Component
public class PartitionClaims {

	private final JdbcTemplate jdbc;

	private final ProcessLeases leases;

	public PartitionClaims(DataSource dataSource, ProcessLeases leases) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.leases = leases;
	}

	/** The lease of the worker that last claimed the partition, if any did. */
	public Optional<String> holder(long stepExecutionId) {
		return this.jdbc
			.queryForList("SELECT lease_id FROM partition_claim WHERE step_execution_id = ?", String.class,
					stepExecutionId)
			.stream()
			.findFirst();
	}

	/**
	 * Claims the partition for the lease unless another worker that is alive holds it.
	 * @return why the partition was not claimed, or empty when it now belongs to {@code lease}
	 */
	public Optional<String> claim(long stepExecutionId, String lease) {
		Optional<String> holder = holder(stepExecutionId);
		if (holder.isEmpty()) {
			try {
				this.jdbc.update("INSERT INTO partition_claim (step_execution_id, lease_id, claimed_at)"
						+ " VALUES (?, ?, LOCALTIMESTAMP)", stepExecutionId, lease);
				return Optional.empty();
			}
			catch (DuplicateKeyException ex) {
				return Optional.of("another worker claimed it at the same moment");
			}
		}
		if (!holder.get().equals(lease)) {
			Optional<ProcessLeases.Lease> held = this.leases.find(holder.get()).filter(ProcessLeases.Lease::alive);
			if (held.isPresent()) {
				return Optional.of("the " + held.get().process() + " runs it (its lease renewed "
						+ held.get().silentFor().toSeconds() + " s ago)");
			}
		}
		// compare and set: of two workers taking over from a dead holder, one wins
		int taken = this.jdbc.update("UPDATE partition_claim SET lease_id = ?, claimed_at = LOCALTIMESTAMP"
				+ " WHERE step_execution_id = ? AND lease_id = ?", lease, stepExecutionId, holder.get());
		return (taken == 1) ? Optional.empty() : Optional.of("another worker took it over at the same moment");
	}

	/** Forgets the claims on the partitions of a job instance, before the instance itself is deleted. */
	public void forgetInstance(long jobInstanceId) {
		this.jdbc.update("DELETE FROM partition_claim WHERE step_execution_id IN (SELECT s.step_execution_id"
				+ " FROM batch_step_execution s JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id"
				+ " WHERE e.job_instance_id = ?)", jobInstanceId);
	}

}
