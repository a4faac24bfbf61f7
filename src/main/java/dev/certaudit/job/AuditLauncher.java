package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RunStore;
import dev.certaudit.inventory.InventoryException;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.report.ReportQueries;

/**
 * Starts a new run or resumes an unfinished one. Running {@code audit} again with the same
 * inventories resumes the last run of those inventories that did not complete, so the command a
 * scheduler retries is the command that finishes the work; {@code restart} names a run explicitly.
 */
@Service
public class AuditLauncher {

	private static final Logger log = LoggerFactory.getLogger(AuditLauncher.class);

	private static final int RESUMABLE_SEARCH_DEPTH = 50;

	private static final Duration PROCESS_START_SLACK = Duration.ofSeconds(2);

	private static final int RECOVERY_ATTEMPTS = 20;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job certificateAuditJob;

	private final Job reportJob;

	private final RunStore store;

	private final ReportQueries reportQueries;

	private final CertAuditProperties properties;

	public AuditLauncher(JobOperator jobOperator, JobRepository jobRepository, Job certificateAuditJob, Job reportJob,
			RunStore store, ReportQueries reportQueries, CertAuditProperties properties) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.certificateAuditJob = certificateAuditJob;
		this.reportJob = reportJob;
		this.store = store;
		this.reportQueries = reportQueries;
		this.properties = properties;
	}

	/** Whether {@link #audit} may resume an unfinished run of the same inventories, or must not. */
	public enum StartMode {

		/** Resume the last unfinished run of these inventories if there is one, else start a new run. */
		RESUME_OR_NEW,
		/** Always start a new run. */
		NEW,
		/** Resume the last unfinished run of these inventories; refuse if there is none. */
		RESUME

	}

	/** @param concurrency handshakes in flight, or null for the configured default */
	public RunOutcome audit(List<InventorySource> inventories, Integer concurrency, StartMode mode) {
		for (InventorySource source : inventories) {
			if (!source.isReadable()) {
				throw new AuditRefusedException("Inventory file not found or not readable: " + source.path());
			}
		}
		List<String> files = inventories.stream()
			.map((source) -> new InventorySource(source.kind(), source.path().toAbsolutePath().normalize()).toString())
			.toList();
		if (mode != StartMode.NEW) {
			Optional<AuditRun> unfinished = unfinishedRuns().stream()
				.filter((run) -> run.inventories().equals(files))
				.findFirst();
			if (unfinished.isPresent()) {
				log.info("Resuming run {} of these inventories, which did not complete (use --new for a fresh run)",
						unfinished.get().runId());
				return resume(unfinished.get(), false,
						"wait for it to finish, or start a separate run of the same inventories with --new");
			}
			if (mode == StartMode.RESUME) {
				throw new AuditRefusedException("There is no unfinished run of " + String.join(", ", files) + " to restart");
			}
		}
		AuditRun run = this.store.createRun(files, hostName(), ProcessHandle.current().pid());
		JobParameters parameters = AuditJobConfiguration.jobParameters(run.runId(), files,
				(concurrency != null) ? concurrency : this.properties.fetch().concurrency());
		log.info("Starting run {} over {}", run.runId(), String.join(", ", files));
		try {
			return outcome(run, false, this.jobOperator.start(this.certificateAuditJob, parameters));
		}
		catch (Exception ex) {
			throw new AuditRefusedException("Run " + run.runId() + " could not start: " + ex.getMessage());
		}
	}

	/**
	 * Resumes the given run, or the most recent run that did not complete.
	 * @param force resume even if the run looks alive on another host
	 */
	public RunOutcome restart(Long runId, boolean force) {
		AuditRun run = (runId != null)
				? this.store.findRun(runId).orElseThrow(() -> new AuditRefusedException("There is no run " + runId))
				: unfinishedRuns().stream()
					.findFirst()
					.orElseThrow(() -> new AuditRefusedException("There is no failed or stopped run to restart"));
		return resume(run, force, "if that process is gone, restart with --force");
	}

	/** @param ifAlive what the operator can do when the run's own process is still at work */
	private RunOutcome resume(AuditRun run, boolean force, String ifAlive) {
		JobExecution last = lastExecution(run)
			.orElseThrow(() -> new AuditRefusedException("Run " + run.runId() + " has never started"));
		if (last.getStatus() == BatchStatus.COMPLETED) {
			throw new AuditRefusedException("Run " + run.runId() + " has already completed");
		}
		if (last.isRunning()) {
			if (ownerAlive(run, last, hostName()) && !force) {
				throw new AuditRefusedException("Run " + run.runId() + " is still running (pid " + run.ownerPid()
						+ " on " + run.ownerHost() + "); " + ifAlive);
			}
			// killed without a chance to record it (kill -9, power loss): mark it failed so it can restart
			log.info("Run {} was left running by a process that is gone; recovering it", run.runId());
			last = recover(run, last);
		}
		this.store.claimRun(run.runId(), hostName(), ProcessHandle.current().pid());
		log.info("Restarting run {} from its last committed chunk", run.runId());
		try {
			return outcome(run, true, this.jobOperator.restart(last));
		}
		catch (Exception ex) {
			throw new AuditRefusedException("Run " + run.runId() + " could not restart: " + ex.getMessage());
		}
	}

	/**
	 * Marks the execution of a dead process failed, with its running steps. The workers of a remote run
	 * may still be committing partitions, each commit a new version of its step execution, so a step read
	 * a moment ago can be stale: read the execution again and retry.
	 */
	private JobExecution recover(AuditRun run, JobExecution execution) {
		JobExecution last = execution;
		for (int attempt = 1;; attempt++) {
			try {
				return this.jobOperator.recover(last);
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == RECOVERY_ATTEMPTS) {
					throw new AuditRefusedException("Run " + run.runId() + " could not be recovered: its steps kept"
							+ " changing while it was marked failed (" + ex.getMessage() + ")");
				}
				last = lastExecution(run).orElseThrow();
			}
		}
	}

	/**
	 * Writes the reports of a completed run again from the database, fetching nothing: the files were
	 * deleted, or a newer cert-audit lays them out differently.
	 * @param runId the run, or null for the most recent completed one
	 */
	public RunOutcome report(Long runId) {
		AuditRun run = (runId != null) ? completedRun(runId)
				: completedRuns().stream()
					.findFirst()
					.orElseThrow(() -> new AuditRefusedException("There is no completed run to report on"));
		log.info("Writing the reports of run {} again", run.runId());
		try {
			return outcome(run, false,
					this.jobOperator.start(this.reportJob, AuditJobConfiguration.reportJobParameters(run.runId())));
		}
		catch (Exception ex) {
			throw new AuditRefusedException("The reports of run " + run.runId() + " could not be written: " + ex.getMessage());
		}
	}

	/** The completed runs among the most recent ones, newest first: the runs whose results are whole. */
	public List<AuditRun> completedRuns() {
		return this.store.recentRuns(RESUMABLE_SEARCH_DEPTH)
			.stream()
			.filter((run) -> lastExecution(run).map((e) -> e.getStatus() == BatchStatus.COMPLETED).orElse(false))
			.toList();
	}

	/** Run {@code runId}, refused unless it completed: an unfinished run's results are incomplete. */
	public AuditRun completedRun(long runId) {
		AuditRun run = this.store.findRun(runId)
			.orElseThrow(() -> new AuditRefusedException("There is no run " + runId));
		BatchStatus status = lastExecution(run).map(JobExecution::getStatus).orElse(null);
		if (status != BatchStatus.COMPLETED) {
			throw new AuditRefusedException("Run " + run.runId() + " has not completed ("
					+ ((status != null) ? status.name().toLowerCase() : "never started")
					+ "), so its results are incomplete: finish it with cert-audit restart " + run.runId());
		}
		return run;
	}

	/** The most recent runs, newest first, with the state of their last execution. */
	public List<RunRecord> recentRuns(int limit) {
		return this.store.recentRuns(limit).stream().map((run) -> {
			Optional<JobExecution> last = lastExecution(run);
			return new RunRecord(run.runId(), last.map(JobExecution::getStartTime).orElse(null),
					last.map(JobExecution::getEndTime).orElse(null), last.map(JobExecution::getStatus).orElse(null),
					run.inventories(), this.reportQueries.countsByStatus(run.runId()),
					this.reportQueries.expiringCount(run.runId()));
		}).toList();
	}

	/** Runs that did not complete, most recent first. */
	private List<AuditRun> unfinishedRuns() {
		return this.store.recentRuns(RESUMABLE_SEARCH_DEPTH).stream().filter((run) -> lastExecution(run)
			.map((e) -> e.getStatus() != BatchStatus.COMPLETED && e.getStatus() != BatchStatus.ABANDONED)
			.orElse(false)).toList();
	}

	private Optional<JobExecution> lastExecution(AuditRun run) {
		JobParameters identity = new JobParametersBuilder().addLong(AuditJobConfiguration.RUN_ID, run.runId())
			.toJobParameters();
		return Optional.ofNullable(this.jobRepository.getLastJobExecution(AuditJobConfiguration.JOB_NAME, identity));
	}

	/**
	 * Whether the process recorded as working on the run still is. One on another host cannot be asked,
	 * so it counts as alive ({@code restart --force} overrides). On this host a live pid whose process
	 * started after the run's execution did is not the owner: the kernel gave a dead owner's pid to a
	 * newer process.
	 */
	static boolean ownerAlive(AuditRun run, JobExecution execution, String thisHost) {
		if (!run.ownerHost().equals(thisHost)) {
			return true;
		}
		return ProcessHandle.of(run.ownerPid())
			.filter(ProcessHandle::isAlive)
			.map((process) -> !startedAfter(process, execution))
			.orElse(false);
	}

	private static boolean startedAfter(ProcessHandle process, JobExecution execution) {
		LocalDateTime executionStart = (execution.getStartTime() != null) ? execution.getStartTime()
				: execution.getCreateTime();
		Optional<Instant> processStart = process.info().startInstant();
		if (executionStart == null || processStart.isEmpty()) {
			return false;
		}
		// a process's start time is counted in clock ticks since boot: the margin keeps the real owner alive
		return processStart.get()
			.isAfter(executionStart.atZone(ZoneId.systemDefault()).toInstant().plus(PROCESS_START_SLACK));
	}

	private RunOutcome outcome(AuditRun run, boolean resumed, JobExecution execution) {
		execution.getAllFailureExceptions().forEach((ex) -> log.debug("Run {} failed", run.runId(), ex));
		String failure = (execution.getStatus() == BatchStatus.COMPLETED) ? null : failureReason(execution);
		return new RunOutcome(run.runId(), resumed, execution.getStatus(), failure,
				this.reportQueries.countsByStatus(run.runId()),
				this.properties.reportsDir().resolve(String.valueOf(run.runId())));
	}

	/**
	 * Why a run failed, in one line: the cause in the most recently created step that failed, rather than
	 * the job's own summary of it.
	 */
	private static String failureReason(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparingLong(StepExecution::getId).reversed())
			.flatMap((step) -> step.getFailureExceptions().stream())
			.findFirst()
			.or(() -> execution.getFailureExceptions().stream().findFirst())
			.map(AuditLauncher::rootMessage)
			.orElse(execution.getExitStatus().getExitDescription());
	}

	/**
	 * What went wrong, without the layers of wrapping batch adds: an inventory problem's own message
	 * (it names file and line), else the innermost cause's.
	 */
	private static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while (!(cause instanceof InventoryException) && cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	/** This machine's name, read without any DNS lookup (InetAddress.getLocalHost may query DNS). */
	static String hostName() {
		try {
			return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
		}
		catch (IOException ex) {
			return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
		}
	}

}
