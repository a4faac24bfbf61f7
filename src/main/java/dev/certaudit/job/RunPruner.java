package dev.certaudit.job;

import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import dev.certaudit.history.ResultTables;
import dev.certaudit.history.RunStore;

/**
 * {@code prune}: deletes the runs {@link Retention} lets go from the database, their results and Spring
 * Batch's record of their jobs alike. Their reports stay on disk. The trend of a later run draws the
 * completed runs still there, so a pruned run simply leaves it.
 */
@Service
public class RunPruner {

	private final RunStore store;

	private final ResultTables results;

	private final JobRepository jobRepository;

	private final PartitionClaims claims;

	private final JdbcTemplate jdbc;

	public RunPruner(RunStore store, ResultTables results, JobRepository jobRepository, PartitionClaims claims,
			DataSource dataSource) {
		this.store = store;
		this.results = results;
		this.jobRepository = jobRepository;
		this.claims = claims;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * What pruning would do now.
	 * @param prune newest first
	 * @param kept how many runs stay
	 */
	public record Plan(List<RunState> prune, int kept) {
	}

	public Plan plan(Retention retention) {
		List<RunState> runs = this.store.runs()
			.stream()
			.map((run) -> new RunState(run, AuditJobConfiguration.lastAudit(this.jobRepository, run.runId())
				.map(JobExecution::getStatus)
				.orElse(null)))
			.toList();
		List<RunState> prune = retention.prunable(runs, Instant.now());
		return new Plan(prune, runs.size() - prune.size());
	}

	/**
	 * Deletes the run: its results, a chunk per transaction; then its job instances, one transaction each
	 * (Spring Batch deletes an instance with its executions, their steps, contexts and parameters); the
	 * run itself last. A prune cut short leaves the run listed for the next prune to finish: a run whose
	 * jobs are gone counts as never started, which a completed run after it lets go.
	 */
	public void prune(RunState run) {
		this.results.deleteRun(run.runId());
		for (JobInstance instance : jobInstances(run.runId())) {
			this.claims.forgetInstance(instance.getInstanceId());
			this.jobRepository.deleteJobInstance(instance);
		}
		this.store.deleteRun(run.runId());
	}

	/**
	 * The run's audit and each request to write its reports again. Spring Batch finds an instance only by
	 * all its identifying parameters, and a report request's include when it was made, so all are found
	 * by the run id among the parameters of their executions.
	 */
	private List<JobInstance> jobInstances(long runId) {
		return this.jdbc.queryForList("SELECT DISTINCT e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e"
				+ " JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
				+ " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
				+ " WHERE i.JOB_NAME IN (?, ?) AND p.PARAMETER_NAME = ? AND p.IDENTIFYING = 'Y' AND p.PARAMETER_VALUE = ?",
				Long.class, AuditJobConfiguration.JOB_NAME, AuditJobConfiguration.REPORT_JOB_NAME,
				AuditJobConfiguration.RUN_ID, String.valueOf(runId))
			.stream()
			.map(this.jobRepository::getJobInstance)
			.toList();
	}

}
