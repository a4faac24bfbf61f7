package dev.certaudit.job;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * The manager's side of a remote fetchAndAnalyse, in place of Spring Batch's
 * {@code MessageChannelPartitionHandler}, which waits for ever: it sends one request per partition, then
 * follows the partitions in the shared JobRepository until each has ended, and acts on a partition
 * nobody runs: one still waiting for a worker while the whole run made no progress (no partition taken or
 * committed) for {@code cert-audit.remote.stall-timeout} (waiting in the queue while the workers are busy
 * with others is no fault), one a worker took but committed nothing of for that long, and one whose
 * worker stopped renewing its lease for {@code cert-audit.lease.timeout}:
 * <ul>
 * <li>a request no worker took, while workers serve the queue, was lost or rejected: it is sent once
 * more; a request of a worker that is gone is sent once more too, to whichever worker takes it;</li>
 * <li>otherwise, or when the second request fares no better, the partition is failed with the reason,
 * and the run fails once the others have ended, for the next {@code audit} to resume.</li>
 * </ul>
 * Workers that stop renewing their leases are logged as gone, whatever they ran.
 */
public class PartitionSupervisor extends AbstractPartitionHandler {

	private static final Logger log = LoggerFactory.getLogger(PartitionSupervisor.class);

	private final MessageChannel requests;

	private final JobRepository jobRepository;

	private final JdbcTemplate jdbc;

	private final ProcessLeases leases;

	private final PartitionClaims claims;

	private final String stepName;

	private final Supervision supervision;

	/**
	 * How the supervisor follows the partitions.
	 * @param queue the queue the partitions' workers serve
	 * @param pollInterval how often the partitions are read
	 * @param stallTimeout how long a partition may make no progress
	 * @param leaseTimeout how long a worker may go without renewing its lease
	 */
	public record Supervision(String queue, Duration pollInterval, Duration stallTimeout,
			Duration leaseTimeout) {
	}

	public PartitionSupervisor(MessageChannel requests, JobRepository jobRepository, DataSource dataSource,
			ProcessLeases leases, PartitionClaims claims, String stepName, Supervision supervision) {
		this.requests = requests;
		this.jobRepository = jobRepository;
		this.jdbc = new JdbcTemplate(dataSource);
		this.leases = leases;
		this.claims = claims;
		this.stepName = stepName;
		this.supervision = supervision;
	}

	/** What the supervisor knows of one partition still running. */
	private static final class Watch {

		private final String name;

		private int version = -1;

		private long lastProgress = System.nanoTime();

		private boolean resent;

		private Watch(String name) {
			this.name = name;
		}

		/** Whether the partition changed (a worker took it, or committed) since it was last read. */
		private boolean progressed(int version) {
			if (version == this.version) {
				return false;
			}
			this.version = version;
			progressed();
			return true;
		}

		private void progressed() {
			this.lastProgress = System.nanoTime();
		}

		private Duration quiet() {
			return Duration.ofNanos(System.nanoTime() - this.lastProgress);
		}

	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
		long runId = manager.getJobParameters().getLong(AuditJobConfiguration.RUN_ID);
		Map<Long, Watch> running = new LinkedHashMap<>();
		for (StepExecution partition : partitions) {
			send(partition.getId());
			running.put(partition.getId(), new Watch(partition.getStepName()));
		}
		Map<String, Boolean> workers = new HashMap<>();
		List<StepExecution> ended = new ArrayList<>();
		Watch run = new Watch("run " + runId);
		while (!running.isEmpty()) {
			Thread.sleep(this.supervision.pollInterval().toMillis());
			noteWorkers(workers);
			Map<Long, PartitionState> states = states(manager.getJobExecutionId());
			List<Long> quiet = new ArrayList<>();
			for (var iterator = running.entrySet().iterator(); iterator.hasNext();) {
				var entry = iterator.next();
				PartitionState state = states.get(entry.getKey());
				if (!state.status().isRunning()) {
					ended.add(this.jobRepository.getStepExecution(entry.getKey()));
					iterator.remove();
					run.progressed();
				}
				else if (entry.getValue().progressed(state.version())) {
					run.progressed();
				}
				else {
					quiet.add(entry.getKey());
				}
			}
			for (long id : quiet) {
				supervise(runId, id, states.get(id).status(), running.get(id), run.quiet());
			}
		}
		List<StepExecution> failed = ended.stream().filter((p) -> p.getStatus() != BatchStatus.COMPLETED).toList();
		if (!failed.isEmpty()) {
			// the partitions' own failures are recorded by the workers; the run's one line says what they were
			throw new JobExecutionException(failed.size() + " of " + ended.size() + " partitions did not complete: "
					+ failed.stream().limit(3).map(PartitionSupervisor::why).collect(Collectors.joining("; "))
					+ ((failed.size() > 3) ? "; ..." : ""));
		}
		return Set.copyOf(ended);
	}

	private void send(long stepExecutionId) {
		this.requests.send(MessageBuilder.withPayload(new StepExecutionRequest(this.stepName, stepExecutionId)).build());
	}

	/** Each partition's status and version, read at once for all of the execution's steps. */
	private Map<Long, PartitionState> states(long jobExecutionId) {
		Map<Long, PartitionState> states = new HashMap<>();
		this.jdbc.query("SELECT step_execution_id, status, version FROM batch_step_execution WHERE job_execution_id = ?",
				(rs) -> {
					states.put(rs.getLong(1), new PartitionState(BatchStatus.valueOf(rs.getString(2)), rs.getInt(3)));
				}, jobExecutionId);
		return states;
	}

	/** A partition as the JobRepository has it: its version moves on with every commit of its chunks. */
	private record PartitionState(BatchStatus status, int version) {
	}

	/**
	 * Acts on a partition that has not changed since the last read, once it has been quiet too long.
	 * @param runQuiet how long no partition of the run has changed
	 */
	private void supervise(long runId, long id, BatchStatus status, Watch watch, Duration runQuiet) {
		Optional<ProcessLeases.Lease> holder = (status == BatchStatus.STARTING) ? Optional.empty()
				: this.claims.holder(id).flatMap(this.leases::find);
		boolean holderGone = holder.isPresent() && !holder.get().alive();
		// a request nobody runs may wait in the queue behind others as long as the run progresses
		Duration quiet = (status == BatchStatus.STARTING || holderGone) ? min(watch.quiet(), runQuiet) : watch.quiet();
		boolean resendForTheGone = holderGone && !watch.resent
				&& watch.quiet().compareTo(this.supervision.leaseTimeout()) >= 0;
		if (quiet.compareTo(this.supervision.stallTimeout()) < 0 && !resendForTheGone) {
			return;
		}
		String partition = watch.name + " of run " + runId;
		if (holder.isPresent() && !holderGone) {
			fail(id, "the " + holder.get().process() + " made no progress on it for " + quiet.toSeconds() + " s");
			return;
		}
		List<ProcessLeases.Lease> serving = this.leases.workers(this.supervision.queue())
			.stream()
			.filter(ProcessLeases.Lease::alive)
			.toList();
		if (!watch.resent && !serving.isEmpty()) {
			log.warn("{} {}; sending it again", partition, holderGone
					? "was run by the " + holder.get().process() + ", which is gone"
					: "was taken by no worker in " + quiet.toSeconds() + " s, though " + serving.size()
							+ " serve queue " + this.supervision.queue());
			watch.resent = true;
			watch.progressed();
			send(id);
			return;
		}
		if (quiet.compareTo(this.supervision.stallTimeout()) < 0) {
			return;
		}
		fail(id, (holderGone ? "its worker, the " + holder.get().process() + ", is gone, and " : "")
				+ "no worker took it in " + quiet.toSeconds() + " s"
				+ (serving.isEmpty() ? " (no live worker serves queue " + this.supervision.queue() + ")"
						: " after it was sent twice (the workers of queue " + this.supervision.queue()
								+ " dropped or rejected it: see their logs)"));
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) < 0) ? a : b;
	}

	/** Marks the partition failed; a worker's commit in between leaves it to the next read. */
	private void fail(long id, String why) {
		StepExecution partition = this.jobRepository.getStepExecution(id);
		log.error("{}: {}", partition.getStepName(), why);
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), why));
		partition.setEndTime(LocalDateTime.now());
		try {
			this.jobRepository.update(partition);
		}
		catch (OptimisticLockingFailureException ex) {
			log.debug("{} changed while it was failed; read again", partition.getStepName(), ex);
		}
	}

	/** Logs workers of the queue as they start serving and as they stop renewing their leases. */
	private void noteWorkers(Map<String, Boolean> known) {
		for (ProcessLeases.Lease worker : this.leases.workers(this.supervision.queue())) {
			Boolean before = known.put(worker.id(), worker.alive());
			if (worker.alive() && !Boolean.TRUE.equals(before)) {
				log.info("The {} serves queue {}", worker.process(), worker.queue());
			}
			else if (!worker.alive() && Boolean.TRUE.equals(before)) {
				log.warn("The {} stopped renewing its lease {} s ago: it is gone, and what it ran goes to other"
						+ " workers", worker.process(), worker.silentFor().toSeconds());
			}
		}
	}

	/** The first line of what the partition's worker recorded: a stack trace's first line is its message. */
	private static String why(StepExecution partition) {
		String description = partition.getExitStatus().getExitDescription();
		String first = description.isBlank() ? partition.getStatus().name().toLowerCase()
				: description.lines().findFirst().orElseThrow();
		return partition.getStepName() + ": " + first;
	}

}
