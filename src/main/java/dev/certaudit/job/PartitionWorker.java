package dev.certaudit.job;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.history.JudgementStore;

/**
 * A worker's answer to one partition request. It runs the partition only when the partition still waits
 * for a worker, the worker judges by the run's settings ({@link JudgementSettings}), and no other live
 * worker holds the partition ({@link PartitionClaims}); a worker whose settings differ fails the
 * partition with the differences, so the run fails saying which worker to set right, rather than judging
 * part of the estate by other rules.
 */
public class PartitionWorker implements SmartInitializingSingleton {

	static final String ROLE = "worker";

	private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

	private final StepExecutionRequestHandler handler;

	private final JobRepository jobRepository;

	private final PartitionClaims claims;

	private final ProcessLeases leases;

	private final JudgementStore judgements;

	private final JudgementSettings judgement;

	private final CertAuditProperties.Remote serving;

	private final String name;

	/** Partitions this process runs now: a request delivered again to this same worker is dropped. */
	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	public PartitionWorker(StepExecutionRequestHandler handler, JobRepository jobRepository, PartitionClaims claims,
			ProcessLeases leases, JudgementStore judgements, JudgementSettings judgement,
			CertAuditProperties.Remote serving, String name) {
		this.handler = handler;
		this.jobRepository = jobRepository;
		this.claims = claims;
		this.leases = leases;
		this.judgements = judgements;
		this.judgement = judgement;
		this.serving = serving;
		this.name = name;
	}

	/**
	 * From its start a worker holds a lease, by which managers tell it is alive: once every bean is
	 * ready, the database migrated among them.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		this.leases.hold(ROLE, this.serving.queue(), this.serving.partitionsAtOnce());
	}

	public void serve(StepExecutionRequest request) {
		StepExecution partition = this.jobRepository.getStepExecution(request.getStepExecutionId());
		if (partition == null) {
			log.info("Dropping a request for step execution {}: the database has no such step execution",
					request.getStepExecutionId());
			return;
		}
		long runId = partition.getJobExecution().getJobParameters().getLong(AuditJobConfiguration.RUN_ID);
		if (!waitsForAWorker(partition)) {
			log.info("Dropping a request for {} of run {} (step execution {}): it is {}, no longer waiting for a worker",
					partition.getStepName(), runId, partition.getId(), partition.getStatus().name().toLowerCase());
			return;
		}
		List<String> differences = this.judgements.settings(runId)
			.map((recorded) -> JudgementSettings.parse(recorded).differences(this.judgement))
			.orElse(List.of());
		if (!differences.isEmpty()) {
			refuse(partition, runId, "refused by the " + ROLE + " " + this.name + ", which judges by other settings than"
					+ " run " + runId + " (" + String.join("; ", differences) + ")");
			return;
		}
		if (!this.running.add(partition.getId())) {
			log.info("Dropping a request for {} of run {} (step execution {}): this worker runs it",
					partition.getStepName(), runId, partition.getId());
			return;
		}
		try {
			Optional<String> taken = this.claims.claim(partition.getId(), this.leases.id());
			if (taken.isPresent()) {
				log.info("Dropping a request for {} of run {} (step execution {}): {}", partition.getStepName(), runId,
						partition.getId(), taken.get());
				return;
			}
			StepExecution done = this.handler.handle(request);
			log.info("{} of run {} ended {}", done.getStepName(), runId, done.getStatus().name().toLowerCase());
		}
		finally {
			this.running.remove(partition.getId());
		}
	}

	/**
	 * A manager that died and was restarted left requests of its failed execution behind, whose
	 * partitions the restart sends again.
	 */
	private static boolean waitsForAWorker(StepExecution partition) {
		return partition.getJobExecution().isRunning()
				&& (partition.getStatus() == BatchStatus.STARTING || partition.getStatus() == BatchStatus.STARTED);
	}

	private void refuse(StepExecution partition, long runId, String why) {
		log.error("{} of run {}: {}", partition.getStepName(), runId, why);
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(new ExitStatus(ExitStatus.FAILED.getExitCode(), why));
		partition.setEndTime(LocalDateTime.now());
		this.jobRepository.update(partition);
	}

}
