package dev.certaudit.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import dev.certaudit.inventory.Target;
import dev.certaudit.probe.CertificateFetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * Which unfinished run {@code audit} and {@code restart} take up, and that they can: one Spring Batch
 * left UNKNOWN (as a chunk whose rollback failed on a lost database connection leaves it) is marked
 * failed and resumed, and an old unfinished run that a newer run of the same inventories overtook is
 * left alone by the plain {@code audit}.
 */
@SpringBootTest
class UnfinishedRunPickH2Test extends AuditJobTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:unfinished-runs;DB_CLOSE_DELAY=-1");
		estateProperties(registry);
		registry.add("cert-audit.fetch.chunk-size", () -> 2);
	}

	@MockitoSpyBean
	CertificateFetcher certificateFetcher;

	@Autowired
	AuditLauncher launcher;

	private final AtomicBoolean failNextRun = new AtomicBoolean();

	@BeforeEach
	void failOnRequest() {
		AtomicInteger fetches = new AtomicInteger();
		doAnswer((invocation) -> {
			if (fetches.incrementAndGet() % 6 == 0 && this.failNextRun.compareAndSet(true, false)) {
				throw new IllegalStateException("injected failure in the middle of fetchAndAnalyse");
			}
			return invocation.callRealMethod();
		}).when(this.certificateFetcher).fetch(any(Target.class));
	}

	@Test
	void runLeftUnknownIsMarkedFailedAndResumedByTheNextAudit() throws Exception {
		Path inventory = ESTATE.writeInventory("unknown-estate.txt");
		RunOutcome failed = failedRun(inventory);
		leaveUnknown(failed.runId());

		RunOutcome resumed = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.RESUME_OR_NEW);

		assertThat(resumed.runId()).isEqualTo(failed.runId());
		assertThat(resumed.resumed()).isTrue();
		assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
		assertThat(rowsPerTarget("probe_result", resumed.runId())).hasSize(ESTATE.cases().size()).containsOnly(1L);
		assertThat(rowsPerTarget("assessment", resumed.runId())).hasSize(ESTATE.cases().size()).containsOnly(1L);
		assertThat(statusByHost(resumed.runId())).isEqualTo(expectedStatuses());
		Map<String, Object> left = this.jdbc.queryForMap("SELECT status, exit_code, exit_message, end_time"
				+ " FROM batch_job_execution WHERE job_execution_id = ?", firstExecution(failed.runId()));
		assertThat(left).containsEntry("STATUS", "FAILED").containsEntry("EXIT_CODE", "FAILED");
		assertThat((String) left.get("EXIT_MESSAGE"))
			.startsWith("cert-audit: left UNKNOWN by a failure that could not be rolled back");
		assertThat(left.get("END_TIME")).isNotNull();
		assertThat(this.jdbc.queryForList("SELECT status || ' ' || CASE WHEN end_time IS NULL THEN 'open' ELSE 'ended' END"
				+ " FROM batch_step_execution WHERE job_execution_id = ? AND step_name = 'fetchAndAnalyse'",
				String.class, firstExecution(failed.runId())))
			.containsExactly("FAILED ended");
	}

	@Test
	void restartResumesARunLeftUnknownByItsId() throws Exception {
		Path inventory = ESTATE.writeInventory("unknown-restart-estate.txt");
		RunOutcome failed = failedRun(inventory);
		leaveUnknown(failed.runId());

		RunOutcome resumed = this.launcher.restart(failed.runId(), false);

		assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
		assertThat(rowsPerTarget("probe_result", resumed.runId())).hasSize(ESTATE.cases().size()).containsOnly(1L);
	}

	@Test
	void plainAuditAfterANewerRunCompletedStartsAFreshRunInsteadOfResumingAnOldOne() throws Exception {
		Path inventory = ESTATE.writeInventory("overtaken-estate.txt");
		RunOutcome old = failedRun(inventory);
		leaveUnknown(old.runId());
		RunOutcome newer = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);
		assertThat(newer.completed()).isTrue();

		RunOutcome next = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.RESUME_OR_NEW);

		assertThat(next.runId()).isNotIn(old.runId(), newer.runId());
		assertThat(next.resumed()).isFalse();
		assertThat(next.completed()).isTrue();
		// the old run is still there for an explicit restart
		assertThat(this.launcher.restart(old.runId(), false).completed()).isTrue();
	}

	@Test
	void runThatJudgesByOtherSettingsIsLeftByAuditForANewRunAndRefusedByRestart() throws Exception {
		Path inventory = ESTATE.writeInventory("rejudged-estate.txt");
		RunOutcome failed = failedRun(inventory);
		// as if the run had been started before the thresholds were changed
		this.jdbc.update("UPDATE run_judgement SET settings = REPLACE(settings, 'thresholds.warning-days=30',"
				+ " 'thresholds.warning-days=45') WHERE run_id = ?", failed.runId());

		RunOutcome next = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.RESUME_OR_NEW);

		assertThat(next.runId()).isNotEqualTo(failed.runId());
		assertThat(next.resumed()).isFalse();
		assertThat(next.completed()).isTrue();
		assertThatExceptionOfType(AuditRefusedException.class)
			.isThrownBy(() -> this.launcher.restart(failed.runId(), false))
			.withMessage("Run " + failed.runId() + " judges by other settings than this process's"
					+ " (thresholds.warning-days: run 45, this process 30): resume it with its own settings, or start"
					+ " a new run with --new");
	}

	private RunOutcome failedRun(Path inventory) {
		this.failNextRun.set(true);
		RunOutcome failed = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);
		assertThat(failed.batchStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(rows("probe_result", failed.runId())).isBetween(1L, ESTATE.cases().size() - 1L);
		return failed;
	}

	/** What a chunk whose rollback failed on a lost connection leaves: the job and the step UNKNOWN. */
	private void leaveUnknown(long runId) {
		long execution = firstExecution(runId);
		this.jdbc.update("UPDATE batch_job_execution SET status = 'UNKNOWN', exit_code = 'UNKNOWN'"
				+ " WHERE job_execution_id = ?", execution);
		assertThat(this.jdbc.update("UPDATE batch_step_execution SET status = 'UNKNOWN', exit_code = 'UNKNOWN',"
				+ " end_time = NULL WHERE job_execution_id = ? AND step_name = 'fetchAndAnalyse'", execution)).isOne();
	}

	private long firstExecution(long runId) {
		List<Long> executions = this.jdbc.queryForList("SELECT job_execution_id FROM batch_job_execution_params"
				+ " WHERE parameter_name = 'runId' AND parameter_value = ? ORDER BY job_execution_id", Long.class,
				String.valueOf(runId));
		return executions.getFirst();
	}

}
