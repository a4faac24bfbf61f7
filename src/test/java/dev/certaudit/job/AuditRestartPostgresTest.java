package dev.certaudit.job;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import dev.certaudit.CertAuditApplication;
import dev.certaudit.analysis.Status;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.inventory.Target;
import dev.certaudit.probe.CertificateFetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * A run that fails, or whose JVM is killed, in the middle of fetchAndAnalyse resumes on PostgreSQL
 * from its last committed chunks and ends with every target exactly once.
 */
@SpringBootTest
class AuditRestartPostgresTest extends AuditJobTestSupport {

	private static String schema;

	private static final int CHUNK_SIZE = 2;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		schema = PostgresTestDatabase.register(registry, "cert_audit_restart_test");
		estateProperties(registry);
		judgementProperties(registry);
		registry.add("cert-audit.fetch.chunk-size", () -> CHUNK_SIZE);
	}

	@MockitoSpyBean
	CertificateFetcher certificateFetcher;

	@Autowired
	AuditLauncher launcher;

	private final AtomicInteger fetches = new AtomicInteger();

	@BeforeEach
	void countFetches() {
		doAnswer((invocation) -> {
			this.fetches.incrementAndGet();
			return invocation.callRealMethod();
		}).when(this.certificateFetcher).fetch(any(Target.class));
	}

	@Test
	void sameCommandAfterFailureMidFetchResumesAndAuditsEachTargetOnce() throws Exception {
		AtomicBoolean failed = new AtomicBoolean();
		doAnswer((invocation) -> {
			if (this.fetches.incrementAndGet() == 6 && failed.compareAndSet(false, true)) {
				throw new IllegalStateException("injected failure in the middle of fetchAndAnalyse");
			}
			return invocation.callRealMethod();
		}).when(this.certificateFetcher).fetch(any(Target.class));
		Path inventory = ESTATE.writeInventory("restart-estate.txt");
		int targets = ESTATE.cases().size();

		RunOutcome failedRun = this.launcher.audit(hosts(inventory), 2 * CHUNK_SIZE, AuditLauncher.StartMode.NEW);

		assertThat(failedRun.batchStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failedRun.failure()).isEqualTo("injected failure in the middle of fetchAndAnalyse");
		long fetchedBeforeRestart = rows("probe_result", failedRun.runId());
		assertThat(fetchedBeforeRestart).isBetween(1L, targets - 1L);

		// the same command again resumes the run instead of starting over
		RunOutcome resumed = this.launcher.audit(hosts(inventory), 2 * CHUNK_SIZE,
				AuditLauncher.StartMode.RESUME_OR_NEW);

		assertThat(resumed.runId()).isEqualTo(failedRun.runId());
		assertThat(resumed.resumed()).isTrue();
		assertThat(resumed.completed()).isTrue();
		assertThat(rowsPerTarget("probe_result", resumed.runId())).hasSize(targets).containsOnly(1L);
		assertThat(rowsPerTarget("assessment", resumed.runId())).hasSize(targets).containsOnly(1L);
		assertThat(statusByHost(resumed.runId())).isEqualTo(expectedStatuses());
		assertThat(ruleIdsByHost(resumed.runId())).isEqualTo(expectedRuleIds());
		// only what was in flight or uncommitted is fetched again: everything committed before is kept
		assertThat(this.fetches.get()).isLessThanOrEqualTo(targets + 2 * CHUNK_SIZE + CHUNK_SIZE);
		assertThat(certificateRows(resumed.runId())).isEqualTo(targets);
	}

	@Test
	void restartAfterKillMinus9ResumesAndAuditsEachTargetOnce() throws Exception {
		IssuedCertificate root = CertificateGenerator.root("CN=Slow Root");
		IssuedCertificate leaf = CertificateGenerator.certificate("CN=*.slow.test")
			.issuedBy(root)
			.dnsNames("*.slow.test")
			.build();
		int targets = 24;
		try (LoopbackTlsServer slow = LoopbackTlsServer.start(0, leaf.keyPair().getPrivate(),
				List.of(leaf.certificate()), Duration.ofMillis(250))) {
			StringBuilder lines = new StringBuilder();
			for (int i = 1; i <= targets; i++) {
				lines.append("n").append(i).append(".slow.test:").append(slow.port()).append(" address=127.0.0.1\n");
			}
			Path inventory = ESTATE.directory().resolve("kill-estate.txt");
			Files.writeString(inventory, lines);

			Process child = auditInChildJvm(inventory);
			long runId = awaitCommittedProbes(inventory, 4, child);
			child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			long committedBeforeKill = rows("probe_result", runId);
			assertThat(committedBeforeKill).isLessThan(targets);

			RunOutcome resumed = this.launcher.restart(runId, false);

			assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
			assertThat(rowsPerTarget("probe_result", runId)).hasSize(targets).containsOnly(1L);
			assertThat(resumed.count(Status.ERROR)).isZero();
			assertThat(resumed.count(Status.CRITICAL)).isEqualTo(targets);
			// the restart fetched exactly the targets whose chunk had not committed when the JVM died
			assertThat(this.fetches.get()).isEqualTo(targets - committedBeforeKill);
			assertThat(this.jdbc.queryForList("SELECT e.status FROM batch_job_execution e JOIN batch_job_execution_params p"
					+ " ON p.job_execution_id = e.job_execution_id WHERE p.parameter_name = 'runId' AND p.parameter_value = ?"
					+ " ORDER BY e.job_execution_id", String.class, String.valueOf(runId)))
				.containsExactly("FAILED", "COMPLETED");
		}
	}

	@Test
	void secondAuditIsRefusedWhileTheRunOfTheSameInventoriesIsAliveElsewhere() throws Exception {
		IssuedCertificate root = CertificateGenerator.root("CN=Busy Root");
		IssuedCertificate leaf = CertificateGenerator.certificate("CN=*.busy.test").issuedBy(root).dnsNames("*.busy.test").build();
		try (LoopbackTlsServer slow = LoopbackTlsServer.start(0, leaf.keyPair().getPrivate(),
				List.of(leaf.certificate()), Duration.ofMillis(500))) {
			StringBuilder lines = new StringBuilder();
			for (int i = 1; i <= 40; i++) {
				lines.append("n").append(i).append(".busy.test:").append(slow.port()).append(" address=127.0.0.1\n");
			}
			Path inventory = ESTATE.directory().resolve("busy-estate.txt");
			Files.writeString(inventory, lines);
			Process child = auditInChildJvm(inventory);
			try {
				long runId = awaitCommittedProbes(inventory, 1, child);

				assertThatExceptionOfType(AuditRefusedException.class)
					.isThrownBy(() -> this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.RESUME_OR_NEW))
					.withMessage("Run " + runId + " is still running (pid " + child.pid() + " on " + hostName()
							+ "); wait for it to finish, or start a separate run of the same inventories with --new");
				assertThatExceptionOfType(AuditRefusedException.class)
					.isThrownBy(() -> this.launcher.restart(runId, false))
					.withMessageEndingWith("if that process is gone, restart with --force");
				assertThat(child.isAlive()).isTrue();
				assertThat(this.fetches.get()).isZero();
			}
			finally {
				child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	private static String hostName() throws IOException {
		return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
	}

	/**
	 * Runs {@code audit} in a JVM of its own on the same database, so it can be killed with SIGKILL; it
	 * trusts what this test's context trusts, so both judge the targets they audit alike.
	 */
	private Process auditInChildJvm(Path inventory) throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), CertAuditApplication.class.getName(), "audit",
				inventory.toString(), "--new", "--concurrency=2", "--cert-audit.fetch.chunk-size=1",
				"--cert-audit.reports-dir=" + REPORTS,
				"--spring.datasource.url=" + PostgresTestDatabase.url(schema), "--spring.datasource.username=postgres",
				"--spring.flyway.schemas=" + schema));
		command.addAll(JUDGEMENT);
		File log = ESTATE.directory().resolve("child-audit.log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private long certificateRows(long runId) throws Exception {
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				Files.newInputStream(onlyFile(REPORTS.resolve(String.valueOf(runId)), ".xlsx")))) {
			return workbook.getSheet("Certificates").getLastRowNum();
		}
	}

}
