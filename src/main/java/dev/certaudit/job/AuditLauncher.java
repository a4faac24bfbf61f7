package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.analysis.Status;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.JudgementStore;
import dev.certaudit.history.RunStore;
import dev.certaudit.inventory.InventoryException;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.PrefixMap;
import dev.certaudit.notify.MailDelivery;
import dev.certaudit.notify.MailDeliveryLog;
import dev.certaudit.report.ReportQueries;

/**
 * Starts a new run or resumes an unfinished one. Running {@code audit} again with the same
 * inventories resumes the last run of those inventories if it did not complete, so the command a
 * scheduler retries is the command that finishes the work; {@code restart} names a run explicitly.
 * <p>
 * Spring Batch restarts only an execution it recorded as ended (failed or stopped). What it left
 * recorded otherwise is marked failed here, with its steps, once no live process works on it:
 * <ul>
 * <li>running (STARTING, STARTED, STOPPING) while the process the run records as its owner
 * ({@code audit_run.owner_host} and {@code owner_pid}, claimed at every start and resume) is gone:
 * killed without a chance to record it (kill -9, power loss, or the database unreachable as it
 * ended);</li>
 * <li>UNKNOWN, or with steps still running or UNKNOWN under an execution that ended: Spring Batch
 * writes a job's status as its last act, so an execution recorded as ended has no thread left working
 * on it, whatever became of its process. UNKNOWN is what it records when a failure could not be rolled
 * back, which is how a lost database connection ends the chunk it was committing; the chunk's
 * transaction died with the connection, and every writer replaces rows by run and target, so the
 * resumed run redoes that chunk whole.</li>
 * </ul>
 * A run that lost its database connection is resumed at once by the process that ran it, which knows
 * its own execution has returned ({@code cert-audit.database.*}).
 */
@Service
public class AuditLauncher {

	private static final Logger log = LoggerFactory.getLogger(AuditLauncher.class);

	/** The role a process that runs the job holds its lease in. */
	static final String MANAGER = "manager";

	private static final int RESUMABLE_SEARCH_DEPTH = 50;

	private static final Duration PROCESS_START_SLACK = Duration.ofSeconds(2);

	private static final int RECOVERY_ATTEMPTS = 20;

	/** The first pause between tries to reach a database that went away, doubled up to the next. */
	private static final Duration RECONNECT_PAUSE = Duration.ofMillis(250);

	private static final Duration RECONNECT_PAUSE_MAX = Duration.ofSeconds(5);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job certificateAuditJob;

	private final Job reportJob;

	private final RunStore store;

	private final ReportQueries reportQueries;

	private final MailDeliveryLog mailDeliveries;

	private final JudgementStore judgements;

	private final ProcessLeases leases;

	private final CertAuditProperties properties;

	private final ObjectProvider<RunPrerequisite> prerequisites;

	public AuditLauncher(JobOperator jobOperator, JobRepository jobRepository, Job certificateAuditJob, Job reportJob,
			RunStore store, ReportQueries reportQueries, MailDeliveryLog mailDeliveries, JudgementStore judgements,
			ProcessLeases leases, CertAuditProperties properties, ObjectProvider<RunPrerequisite> prerequisites) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.certificateAuditJob = certificateAuditJob;
		this.reportJob = reportJob;
		this.store = store;
		this.reportQueries = reportQueries;
		this.mailDeliveries = mailDeliveries;
		this.judgements = judgements;
		this.leases = leases;
		this.properties = properties;
		this.prerequisites = prerequisites;
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
		check(inventories);
		JudgementSettings judgement = judgement();
		List<String> files = inventories.stream()
			.map((source) -> new InventorySource(source.kind(), source.path().toAbsolutePath().normalize()).toString())
			.toList();
		if (mode != StartMode.NEW) {
			// only the last run: an older one that did not complete was overtaken by a newer run (--new) and
			// is history, not work to do
			Optional<AuditRun> unfinished = this.store.recentRuns(RESUMABLE_SEARCH_DEPTH)
				.stream()
				.filter((run) -> run.inventories().equals(files) && lastExecution(run).isPresent())
				.findFirst()
				.filter(this::unfinished);
			List<String> differences = unfinished.map((run) -> judgementDifferences(run, judgement)).orElse(List.of());
			if (unfinished.isPresent() && !differences.isEmpty() && mode == StartMode.RESUME_OR_NEW
					&& !stillRunning(unfinished.get())) {
				// a run judges every endpoint by one set of settings: changed settings start a new run, and the
				// unfinished one stays history, resumable with its own settings by restart
				log.warn("Run {} of these inventories did not complete, but it judges by other settings ({});"
						+ " starting a new run", unfinished.get().runId(), String.join("; ", differences));
			}
			else if (unfinished.isPresent()) {
				log.info("Resuming run {} of these inventories, which did not complete (use --new for a fresh run)",
						unfinished.get().runId());
				return resume(unfinished.get(), false,
						"wait for it to finish, or start a separate run of the same inventories with --new");
			}
			else if (mode == StartMode.RESUME) {
				throw new AuditRefusedException("There is no unfinished run of " + String.join(", ", files) + " to restart");
			}
		}
		requirePrerequisites();
		AuditRun run = this.store.createRun(files, hostName(), ProcessHandle.current().pid(),
				this.leases.hold(MANAGER, null, 0));
		this.judgements.record(run.runId(), judgement.digest(), judgement.text());
		JobParameters parameters = AuditJobConfiguration.jobParameters(run.runId(), files,
				(concurrency != null) ? concurrency : this.properties.fetch().concurrency());
		log.info("Starting run {} over {}", run.runId(), String.join(", ", files));
		JobExecution execution;
		try {
			execution = this.jobOperator.start(this.certificateAuditJob, parameters);
		}
		catch (Exception ex) {
			throw new AuditRefusedException("Run " + run.runId() + " could not start: " + ex.getMessage());
		}
		return finish(run, false, execution);
	}

	/**
	 * Reads every inventory, and the prefix list domains and zone names are expanded with, before a run is
	 * created: a file that is not text, or a zone that does not parse, would fail every restart the same way.
	 */
	private void check(List<InventorySource> inventories) {
		try {
			inventories.forEach((source) -> source.check(this.properties.zone().settings()));
			if (inventories.stream().anyMatch((source) -> source.kind().expanded())) {
				PrefixMap.read(this.properties.discovery().prefixFile());
			}
		}
		catch (InventoryException ex) {
			throw new AuditRefusedException(ex.getMessage());
		}
	}

	/**
	 * Refuses the command before a run is created or resumed, while something the run cannot do without
	 * is missing (the broker of a remote run): the run would fail the same way, after its first steps.
	 */
	private void requirePrerequisites() {
		this.prerequisites.orderedStream()
			.map(RunPrerequisite::unmet)
			.flatMap(Optional::stream)
			.findFirst()
			.ifPresent((reason) -> {
				throw new AuditRefusedException("cannot start: " + reason);
			});
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

	/** Whether a live process still works on the run: {@link #resume} refuses that whatever the settings. */
	private boolean stillRunning(AuditRun run) {
		return lastExecution(run).filter(JobExecution::isRunning)
			.map((last) -> ownerAlive(run, last, hostName(), this.leases::alive))
			.orElse(false);
	}

	/** The settings this process judges by; trust material that cannot be read stops it before any run. */
	private JudgementSettings judgement() {
		try {
			return JudgementSettings.of(this.properties);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new AuditRefusedException(ex.getMessage());
		}
	}

	/** How this process's settings differ from those the run judges by; none for a run that recorded none. */
	private List<String> judgementDifferences(AuditRun run, JudgementSettings judgement) {
		return this.judgements.settings(run.runId())
			.map((recorded) -> JudgementSettings.parse(recorded).differences(judgement))
			.orElse(List.of());
	}

	/** @param ifAlive what the operator can do when the run's own process is still at work */
	private RunOutcome resume(AuditRun run, boolean force, String ifAlive) {
		JobExecution last = lastExecution(run)
			.orElseThrow(() -> new AuditRefusedException("Run " + run.runId() + " has never started"));
		if (last.getStatus() == BatchStatus.COMPLETED) {
			throw new AuditRefusedException("Run " + run.runId() + " has already completed");
		}
		boolean alive = last.isRunning() && ownerAlive(run, last, hostName(), this.leases::alive);
		if (alive && !force) {
			throw new AuditRefusedException("Run " + run.runId() + " is still running (pid " + run.ownerPid() + " on "
					+ run.ownerHost() + "); " + ifAlive);
		}
		List<String> differences = judgementDifferences(run, judgement());
		if (!differences.isEmpty()) {
			throw new AuditRefusedException("Run " + run.runId() + " judges by other settings than this process's ("
					+ String.join("; ", differences) + "): resume it with its own settings, or start a new run"
					+ " with --new");
		}
		requirePrerequisites();
		if (last.isRunning()) {
			log.info("Run {} was left running by {}; recovering it", run.runId(),
					alive ? "pid " + run.ownerPid() + " on " + run.ownerHost() + " (--force)" : "a process that is gone");
			last = markFailed(run, "cert-audit: left " + last.getStatus() + " by pid " + run.ownerPid() + " on "
					+ run.ownerHost() + (alive ? ", taken over with restart --force" : ", which is gone"));
		}
		else if (stranded(last)) {
			log.info("Run {} was left {} by a failure Spring Batch could not roll back; recovering it", run.runId(),
					last.getStatus());
			last = markFailed(run, "cert-audit: left " + last.getStatus() + " by a failure that could not be rolled"
					+ " back (such as a lost database connection), with no process working on it");
		}
		this.store.claimRun(run.runId(), hostName(), ProcessHandle.current().pid(), this.leases.hold(MANAGER, null, 0));
		log.info("Restarting run {} from its last committed chunk", run.runId());
		JobExecution execution;
		try {
			execution = this.jobOperator.restart(last);
		}
		catch (Exception ex) {
			throw new AuditRefusedException("Run " + run.runId() + " could not restart: " + ex.getMessage());
		}
		return finish(run, true, execution);
	}

	/**
	 * How the run ended. One that failed because its database connection went away is resumed here from
	 * its last committed chunk, once the database answers again, at most
	 * {@code cert-audit.database.resume-attempts} times: this process ran it and its execution has
	 * returned, so nothing else works on it.
	 */
	private RunOutcome finish(AuditRun run, boolean resumed, JobExecution execution) {
		CertAuditProperties.Database database = this.properties.database();
		JobExecution last = execution;
		boolean restarted = resumed;
		for (int attempt = 1;; attempt++) {
			Optional<SQLException> lost = (last.getStatus() == BatchStatus.COMPLETED) ? Optional.empty()
					: DatabaseConnectionLoss.of(last);
			if (lost.isEmpty() || attempt > database.resumeAttempts()) {
				if (lost.isEmpty() && last.getStatus() != BatchStatus.COMPLETED) {
					failUnfinishedSteps(run);
				}
				return outcome(run, restarted, last, lost.orElse(null));
			}
			logFailures(run, last);
			log.warn("Run {} lost its database connection ({}); resuming it once the database answers,"
					+ " attempt {} of {}", run.runId(), lost.get().getMessage(), attempt, database.resumeAttempts());
			Optional<JobExecution> failed = markFailedOnceReachable(run, database.reconnectTimeout(),
					"cert-audit: the database connection was lost (" + lost.get().getMessage() + ")");
			if (failed.isEmpty()) {
				return outcome(run, restarted, last, lost.get());
			}
			try {
				last = this.jobOperator.restart(failed.get());
			}
			catch (Exception ex) {
				Optional<SQLException> lostAgain = DatabaseConnectionLoss.of(ex);
				if (lostAgain.isPresent()) {
					return outcome(run, restarted, failed.get(), lostAgain.get());
				}
				throw new AuditRefusedException("Run " + run.runId() + " could not restart: " + ex.getMessage());
			}
			restarted = true;
		}
	}

	/**
	 * Marks failed what a failed run left recorded as running: a remote run that could not send its
	 * partition requests (the broker went away) leaves its partitions STARTING. Workers drop the requests
	 * of a run that ended, and one still running a partition fails it at its next commit, so this is the
	 * state the next resume would make; if the database does not answer now, that resume does it.
	 */
	private void failUnfinishedSteps(AuditRun run) {
		try {
			if (lastExecution(run).filter(AuditLauncher::stranded).isPresent()) {
				markFailed(run, "cert-audit: unfinished when run " + run.runId() + " failed");
			}
		}
		catch (DataAccessException | TransactionException ex) {
			log.debug("Run {}: its unfinished steps are left to the next resume", run.runId(), ex);
		}
	}

	/**
	 * {@link #markFailed}, tried again until the database answers or {@code timeout} has passed (each try
	 * may wait as long as the pool's connection-timeout for a connection); empty if it never answered.
	 */
	private Optional<JobExecution> markFailedOnceReachable(AuditRun run, Duration timeout, String why) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Duration pause = RECONNECT_PAUSE;
		while (true) {
			try {
				return Optional.of(markFailed(run, why));
			}
			catch (DataAccessException | TransactionException ex) {
				log.debug("Run {}: the database does not answer yet", run.runId(), ex);
				if (System.nanoTime() - deadline >= 0) {
					return Optional.empty();
				}
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Optional.empty();
			}
			pause = (pause.multipliedBy(2).compareTo(RECONNECT_PAUSE_MAX) < 0) ? pause.multipliedBy(2)
					: RECONNECT_PAUSE_MAX;
		}
	}

	/**
	 * Marks failed, with an end time and {@code why}, every execution of the run and every step of them
	 * that Spring Batch still records as running or UNKNOWN, so that it restarts the run. The workers of a
	 * remote run may still be committing partitions, each commit a new version of its step execution, so
	 * a step read a moment ago can be stale: read the executions again and retry.
	 * @return the run's last execution, as now recorded
	 */
	private JobExecution markFailed(AuditRun run, String why) {
		for (int attempt = 1;; attempt++) {
			try {
				JobExecution last = lastExecution(run).orElseThrow();
				for (JobExecution execution : this.jobRepository.getJobExecutions(last.getJobInstance())) {
					markFailed(execution, why);
				}
				return lastExecution(run).orElseThrow();
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == RECOVERY_ATTEMPTS) {
					throw new AuditRefusedException("Run " + run.runId() + " could not be recovered: its steps kept"
							+ " changing while it was marked failed (" + ex.getMessage() + ")");
				}
			}
		}
	}

	private void markFailed(JobExecution execution, String why) {
		LocalDateTime now = LocalDateTime.now();
		for (StepExecution step : execution.getStepExecutions()) {
			if (stranded(step.getStatus())) {
				step.setStatus(BatchStatus.FAILED);
				step.setExitStatus(failedBecause(why, step.getExitStatus()));
				if (step.getEndTime() == null) {
					step.setEndTime(now);
				}
				this.jobRepository.update(step);
			}
		}
		if (stranded(execution.getStatus())) {
			execution.setStatus(BatchStatus.FAILED);
			execution.setExitStatus(failedBecause(why, execution.getExitStatus()));
			if (execution.getEndTime() == null) {
				execution.setEndTime(now);
			}
			this.jobRepository.update(execution);
		}
	}

	/** Why first: the description Spring Batch recorded before is a stack trace, cut to fit its column. */
	private static ExitStatus failedBecause(String why, ExitStatus before) {
		String earlier = before.getExitDescription();
		return new ExitStatus(ExitStatus.FAILED.getExitCode(), earlier.isEmpty() ? why : why + "; " + earlier);
	}

	/** Whether an execution that ended left anything Spring Batch refuses to restart. */
	private static boolean stranded(JobExecution execution) {
		return stranded(execution.getStatus())
				|| execution.getStepExecutions().stream().anyMatch((step) -> stranded(step.getStatus()));
	}

	private static boolean stranded(BatchStatus status) {
		return status.isRunning() || status == BatchStatus.UNKNOWN;
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
		JobExecution execution;
		try {
			execution = this.jobOperator.start(this.reportJob, AuditJobConfiguration.reportJobParameters(run.runId()));
		}
		catch (Exception ex) {
			throw new AuditRefusedException("The reports of run " + run.runId() + " could not be written: " + ex.getMessage());
		}
		return outcome(run, false, execution, DatabaseConnectionLoss.of(execution).orElse(null));
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
		return this.store.recentRuns(RESUMABLE_SEARCH_DEPTH).stream().filter(this::unfinished).toList();
	}

	private boolean unfinished(AuditRun run) {
		return lastExecution(run)
			.map((e) -> e.getStatus() != BatchStatus.COMPLETED && e.getStatus() != BatchStatus.ABANDONED)
			.orElse(false);
	}

	private Optional<JobExecution> lastExecution(AuditRun run) {
		return AuditJobConfiguration.lastAudit(this.jobRepository, run.runId());
	}

	/**
	 * Whether the process recorded as working on the run still is. One on another host (another
	 * container, whose host name and pid the next one does not share) is alive while it renews its lease;
	 * one that recorded no lease cannot be asked, so it counts as alive ({@code restart --force}
	 * overrides). On this host a live pid whose process started after the run's execution did is not the
	 * owner: the kernel gave a dead owner's pid to a newer process.
	 */
	static boolean ownerAlive(AuditRun run, JobExecution execution, String thisHost, Predicate<String> leaseAlive) {
		if (!run.ownerHost().equals(thisHost)) {
			return (run.ownerLease() == null) || leaseAlive.test(run.ownerLease());
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

	/**
	 * @param lostConnection why the run failed when its database connection went away, else null
	 */
	private RunOutcome outcome(AuditRun run, boolean resumed, JobExecution execution, SQLException lostConnection) {
		logFailures(run, execution);
		String failure = (execution.getStatus() == BatchStatus.COMPLETED) ? null
				: (lostConnection != null) ? lostConnection.getMessage() : failureReason(execution);
		// the audit job ends with sendReports: its fate is read from the run's deliveries, which also tell a
		// restart what the execution that mailed them did; the job that writes reports again mails nothing
		boolean mails = AuditJobConfiguration.JOB_NAME.equals(execution.getJobInstance().getJobName());
		String mail = (mails && lostConnection == null)
				? MailDelivery.summary(this.mailDeliveries.deliveries(run.runId()), this.properties.mail().enabled())
				: null;
		return new RunOutcome(run.runId(), resumed, execution.getStatus(), failure, lostConnection != null,
				countsByStatus(run, lostConnection != null),
				this.properties.reportsDir().resolve(String.valueOf(run.runId())), mail);
	}

	/** The counts so far; none when they cannot be read because the database is gone. */
	private Map<Status, Long> countsByStatus(AuditRun run, boolean databaseLost) {
		try {
			return this.reportQueries.countsByStatus(run.runId());
		}
		catch (DataAccessException | TransactionException ex) {
			if (!databaseLost) {
				throw ex;
			}
			log.debug("Run {}: its counts cannot be read", run.runId(), ex);
			return Map.of();
		}
	}

	/**
	 * The full failures, for {@code --logging.level.dev.certaudit=debug}; the command line says why in one
	 * line. A rollback that failed hides the failure it was rolling back, which has the first words.
	 */
	private static void logFailures(AuditRun run, JobExecution execution) {
		for (Throwable failure : execution.getAllFailureExceptions()) {
			log.debug("Run {} failed", run.runId(), failure);
			if (failure instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
				log.debug("Run {} was rolling back after", run.runId(), rollback.getApplicationException());
			}
		}
	}

	/**
	 * Why a run failed, in one line: the cause in the most recently created step that failed, rather than
	 * the job's own summary of it.
	 */
	private String failureReason(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparingLong(StepExecution::getId).reversed())
			.flatMap((step) -> step.getFailureExceptions().stream())
			.findFirst()
			.or(() -> execution.getFailureExceptions().stream().findFirst())
			.map(this::reason)
			.orElse(execution.getExitStatus().getExitDescription());
	}

	/** A failure as the prerequisite that caused it names it (the broker, its host and port), else its root message. */
	private String reason(Throwable failure) {
		return this.prerequisites.orderedStream()
			.map((prerequisite) -> prerequisite.explain(failure))
			.flatMap(Optional::stream)
			.findFirst()
			.orElseGet(() -> rootMessage(failure));
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
