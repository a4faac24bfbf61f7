package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pruning runs of two inventories, audited for real, on one database per subclass: what stays, that
 * the pruned runs leave the project's tables and Spring Batch's, that their reports stay on disk,
 * and that the same inventories are audited and trended after it as before.
 */
abstract class RunPruningTests extends AuditJobTestSupport {

	@Autowired
	AuditLauncher launcher;

	@Autowired
	RunPruner pruner;

	/**
	 * This database's own folder, of its inventories and reports: the test classes share the estate's
	 * folder and their reports folder, where another database's run 1 would stand in for this one's.
	 */
	abstract Path directory();

	static void pruningProperties(DynamicPropertyRegistry registry, Path directory) {
		estateProperties(registry);
		registry.add("cert-audit.reports-dir", () -> directory.resolve("reports").toString());
		registry.add("cert-audit.fetch.handshake-timeout", () -> "10s");
	}

	@Test
	void pruneKeepsTheNewestAndLatestCompletedRunOfEachInventoryAndDeletesTheOthersWithTheirJobs() throws Exception {
		Path nightly = directory().resolve("nightly.txt");
		Path weekly = directory().resolve("weekly.txt");
		RunOutcome nightly1 = failingAudit(nightly);
		RunOutcome nightly2 = audit(nightly);
		RunOutcome weekly3 = audit(weekly);
		RunOutcome nightly4 = audit(nightly);
		assertThat(this.launcher.report(nightly4.runId()).completed()).isTrue();
		RunOutcome weekly5 = audit(weekly);
		RunOutcome nightly6 = audit(nightly);
		RunOutcome nightly7 = failingAudit(nightly);
		List<RunOutcome> pruned = List.of(nightly4, weekly3, nightly2, nightly1);
		List<RunOutcome> kept = List.of(nightly7, nightly6, weekly5);
		Map<Long, BatchRecords> jobs = new HashMap<>();
		for (RunOutcome run : List.of(nightly1, nightly2, weekly3, nightly4, weekly5, nightly6, nightly7)) {
			jobs.put(run.runId(), batchRecords(run.runId()));
		}
		assertThat(jobs.get(nightly4.runId()).instances()).as("the audit's and the report's").hasSize(2);

		// the newest runs are a failure and a completion: one run kept by the rule, the other whatever it says
		RunPruner.Plan plan = this.pruner.plan(new Retention(1, null));
		assertThat(plan.prune()).extracting(RunState::runId).containsExactlyElementsOf(ids(pruned));
		assertThat(plan.kept()).isEqualTo(3);
		plan.prune().forEach(this.pruner::prune);

		assertThat(this.launcher.recentRuns(20)).extracting(RunRecord::runId).containsExactlyElementsOf(ids(kept));
		for (RunOutcome run : pruned) {
			for (String table : List.of("audit_run", "audit_candidate", "audit_target", "probe_result", "assessment",
					"finding", "run_report_settings")) {
				assertThat(rows(table, run.runId())).as("run %d in %s", run.runId(), table).isZero();
			}
			assertThat(batchRows(jobs.get(run.runId()))).as("run %d's jobs", run.runId()).containsOnly(0L);
			if (run.completed()) {
				assertThat(onlyFile(run.reportsDirectory(), ".xlsx")).as("its report stays").exists();
			}
		}
		for (RunOutcome run : kept) {
			assertThat(rows("audit_run", run.runId())).isOne();
			assertThat(rows("assessment", run.runId())).isEqualTo(run.completed() ? 1 : 0);
			assertThat(batchRecords(run.runId())).isEqualTo(jobs.get(run.runId()));
			assertThat(batchRows(jobs.get(run.runId()))).allSatisfy((rows) -> assertThat(rows).isPositive());
		}

		// the next audit resumes the newest run, and its trend draws the completed runs that stayed
		Files.writeString(nightly, validHost());
		RunOutcome resumed = this.launcher.audit(hosts(nightly), 4, AuditLauncher.StartMode.RESUME_OR_NEW);
		assertThat(resumed.runId()).isEqualTo(nightly7.runId());
		assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
		assertThat(historySheet(onlyFile(resumed.reportsDirectory(), ".xlsx")).stream().skip(1)
			.map((row) -> Long.valueOf(row.substring(0, row.indexOf('|')))))
			.containsExactly(nightly6.runId(), nightly7.runId());
		assertThat(this.launcher.audit(hosts(nightly), 4, AuditLauncher.StartMode.NEW).completed()).isTrue();
	}

	private RunOutcome audit(Path inventory) throws IOException {
		Files.writeString(inventory, validHost());
		RunOutcome outcome = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);
		assertThat(outcome.completed()).as(String.valueOf(outcome.failure())).isTrue();
		assertThat(outcome.reportsDirectory()).startsWith(directory());
		return outcome;
	}

	/** A run of the inventory that fails reading it, so it can be restarted once the line is mended. */
	private RunOutcome failingAudit(Path inventory) throws IOException {
		Files.writeString(inventory, "broken.test:44x3\n");
		RunOutcome outcome = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);
		assertThat(outcome.batchStatus()).isEqualTo(BatchStatus.FAILED);
		return outcome;
	}

	private static String validHost() {
		return "valid.test:" + ESTATE.cases().get("valid.test").port() + " address=127.0.0.1\n";
	}

	private static List<Long> ids(List<RunOutcome> runs) {
		return runs.stream().map(RunOutcome::runId).toList();
	}

	/** The ids of Spring Batch's records of every job that names the run: its audit, and its reports written again. */
	record BatchRecords(List<Long> instances, List<Long> executions, List<Long> steps) {
	}

	private BatchRecords batchRecords(long runId) {
		String executions = "SELECT job_execution_id FROM batch_job_execution_params WHERE parameter_name = 'runId'"
				+ " AND parameter_value = '" + runId + "'";
		return new BatchRecords(
				ids("SELECT DISTINCT job_instance_id FROM batch_job_execution WHERE job_execution_id IN (" + executions
						+ ") ORDER BY job_instance_id"),
				ids(executions + " ORDER BY job_execution_id"),
				ids("SELECT step_execution_id FROM batch_step_execution WHERE job_execution_id IN (" + executions
						+ ") ORDER BY step_execution_id"));
	}

	/**
	 * How many of these records are left in each of Spring Batch's tables: instances, executions, their
	 * contexts and parameters, steps and their contexts.
	 */
	private List<Long> batchRows(BatchRecords records) {
		return List.of(count("batch_job_instance", "job_instance_id", records.instances()),
				count("batch_job_execution", "job_execution_id", records.executions()),
				count("batch_job_execution_context", "job_execution_id", records.executions()),
				count("batch_job_execution_params", "job_execution_id", records.executions()),
				count("batch_step_execution", "step_execution_id", records.steps()),
				count("batch_step_execution_context", "step_execution_id", records.steps()));
	}

	private long count(String table, String column, List<Long> ids) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + column + " IN ("
				+ String.join(",", ids.stream().map(String::valueOf).toList()) + ")", Long.class);
	}

	private List<Long> ids(String sql) {
		return this.jdbc.queryForList(sql, Long.class);
	}

}
