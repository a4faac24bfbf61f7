package dev.certaudit.job;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * PostgreSQL ends the run's sessions in the middle of fetchAndAnalyse, as a failover or a restart of
 * the server does ({@code pg_terminate_backend} from a connection of the test's own): the run is
 * resumed from its last committed chunks, by the process that ran it or by the next {@code audit},
 * and ends with every target exactly once. Only the sessions of this test's pools are ended (each pool
 * names itself to PostgreSQL), never those of other builds sharing the server.
 */
@SpringBootTest
class DatabaseFailoverPostgresTest extends AuditJobTestSupport {

	private static final String APPLICATION = "cert-audit-failover-test-" + ProcessHandle.current().pid();

	private static final int TARGETS = 24;

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Failover Root");

	private static final IssuedCertificate LEAF = CertificateGenerator.certificate("CN=*.failover.test")
		.issuedBy(ROOT)
		.dnsNames("*.failover.test")
		.build();

	private static LoopbackTlsServer server;

	private static String schema;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		schema = PostgresTestDatabase.register(registry, "cert_audit_failover_test");
		estateProperties(registry);
		judgementProperties(registry);
		registry.add("spring.datasource.hikari.data-source-properties.ApplicationName", () -> APPLICATION);
		registry.add("cert-audit.fetch.chunk-size", () -> 2);
		registry.add("cert-audit.database.resume-attempts", () -> 1);
	}

	@BeforeAll
	static void startServer() throws Exception {
		server = LoopbackTlsServer.start(0, LEAF.keyPair().getPrivate(), List.of(LEAF.certificate()),
				Duration.ofMillis(100));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@MockitoSpyBean
	CertificateFetcher certificateFetcher;

	@Autowired
	AuditLauncher launcher;

	private final AtomicInteger fetches = new AtomicInteger();

	private final AtomicInteger sessionsEnded = new AtomicInteger();

	@Test
	void droppedConnectionsMidRunAreReplacedAndTheRunCompletesInTheSameCommand() throws Exception {
		terminateConnectionsAtFetches(Set.of(8));
		Path inventory = inventory("failover-once.txt");

		RunOutcome outcome = this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.NEW);

		assertThat(this.sessionsEnded.get()).isPositive();
		assertThat(outcome.completed()).as(String.valueOf(outcome.failure())).isTrue();
		assertThat(outcome.resumed()).isTrue();
		assertEachTargetOnce(outcome);
		List<String> executions = executionStatuses(outcome.runId());
		assertThat(executions).hasSize(2).last().isEqualTo("COMPLETED");
		assertThat(this.jdbc.queryForObject("SELECT exit_message FROM batch_job_execution WHERE status = 'FAILED'"
				+ " AND job_execution_id IN (" + executionIdsOf(outcome.runId()) + ")", String.class))
			.startsWith("cert-audit: the database connection was lost (");
	}

	@Test
	void runThatKeepsLosingItsConnectionIsLeftToTheNextAuditWhichCompletesIt() throws Exception {
		// the first loss is resumed in the same command (one resume allowed), the second is not
		terminateConnectionsAtFetches(Set.of(6, 16));
		Path inventory = inventory("failover-twice.txt");

		RunOutcome failed = this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.NEW);

		assertThat(failed.completed()).isFalse();
		assertThat(failed.databaseLost()).as("why the run failed: %s", failed.failure()).isTrue();
		assertThat(failed.failure()).isNotBlank();
		assertThat(rows("probe_result", failed.runId())).isBetween(1L, TARGETS - 1L);

		RunOutcome resumed = this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.RESUME_OR_NEW);

		assertThat(resumed.runId()).isEqualTo(failed.runId());
		assertThat(resumed.resumed()).isTrue();
		assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
		assertEachTargetOnce(resumed);
		assertThat(executionStatuses(resumed.runId())).hasSize(3).containsExactly("FAILED", "FAILED", "COMPLETED");
	}

	/**
	 * What the operator sees: the process that lost its database says so in one line, without stack
	 * traces, and exits 3; the next {@code audit} completes the run.
	 */
	@Test
	void processThatLostItsDatabaseSaysSoInOneLineAndTheNextAuditCompletesTheRun() throws Exception {
		String childApplication = APPLICATION + "-child";
		Path inventory = inventory("failover-child.txt");
		Path log = ESTATE.directory().resolve("failover-child.log");
		Process child = auditInChildJvm(inventory, childApplication, log);
		try {
			long runId = awaitCommittedProbes(inventory, 4, child);
			this.sessionsEnded.addAndGet(terminateConnections(childApplication));

			assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
			String output = Files.readString(log);
			assertThat(child.exitValue()).as(output).isEqualTo(3);
			assertThat(output).doesNotContain("Exception", "\tat ");
			assertThat(output.lines().filter((line) -> line.contains("database"))).as(output)
				.singleElement()
				.asString()
				.startsWith("cert-audit run " + runId + " lost its database connection (")
				.endsWith("); the same audit, or cert-audit restart " + runId
						+ ", resumes it from its last committed chunk (exit 3)");

			RunOutcome resumed = this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.RESUME_OR_NEW);

			assertThat(resumed.runId()).isEqualTo(runId);
			assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
			assertEachTargetOnce(resumed);
		}
		finally {
			child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	private void assertEachTargetOnce(RunOutcome outcome) {
		assertThat(rowsPerTarget("probe_result", outcome.runId())).hasSize(TARGETS).containsOnly(1L);
		assertThat(rowsPerTarget("assessment", outcome.runId())).hasSize(TARGETS).containsOnly(1L);
		assertThat(outcome.count(Status.ERROR)).isZero();
		assertThat(outcome.count(Status.CRITICAL)).isEqualTo(TARGETS);
	}

	/** Ends the sessions of this test's pool just before the given fetches (counted across the test) go out. */
	private void terminateConnectionsAtFetches(Set<Integer> at) {
		doAnswer((invocation) -> {
			if (at.contains(this.fetches.incrementAndGet())) {
				this.sessionsEnded.addAndGet(terminateConnections(APPLICATION));
			}
			return invocation.callRealMethod();
		}).when(this.certificateFetcher).fetch(any(Target.class));
	}

	/** Ends every session of the pool that names itself {@code application}, as a failover does. */
	static int terminateConnections(String application) throws Exception {
		try (Connection connection = DriverManager.getConnection(PostgresTestDatabase.SERVER, "postgres", "");
				PreparedStatement terminate = connection.prepareStatement("SELECT pg_terminate_backend(pid) FROM"
						+ " pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
			terminate.setString(1, application);
			int ended = 0;
			try (ResultSet rows = terminate.executeQuery()) {
				while (rows.next()) {
					ended += rows.getBoolean(1) ? 1 : 0;
				}
			}
			return ended;
		}
	}

	private static Path inventory(String name) throws Exception {
		StringBuilder lines = new StringBuilder();
		for (int i = 1; i <= TARGETS; i++) {
			lines.append("n").append(i).append(".failover.test:").append(server.port()).append(" address=127.0.0.1\n");
		}
		return Files.writeString(ESTATE.directory().resolve(name), lines);
	}

	private List<String> executionStatuses(long runId) {
		return this.jdbc.queryForList("SELECT status FROM batch_job_execution WHERE job_execution_id IN ("
				+ executionIdsOf(runId) + ") ORDER BY job_execution_id", String.class);
	}

	private static String executionIdsOf(long runId) {
		return "SELECT p.job_execution_id FROM batch_job_execution_params p WHERE p.parameter_name = 'runId'"
				+ " AND p.parameter_value = '" + runId + "'";
	}

	/**
	 * Runs {@code audit} in a JVM of its own, with a pool of its own name and no resume of its own, so
	 * the test can end its sessions and read what it prints. Its fetches take over 100 ms each, one at a
	 * time, so it is still fetching when the test ends them; it trusts what this test's context trusts,
	 * so both judge the targets they audit alike.
	 */
	private static Process auditInChildJvm(Path inventory, String application, Path log) throws Exception {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", CertAuditApplication.class.getName(),
				"audit", inventory.toString(), "--new", "--concurrency=1", "--cert-audit.fetch.chunk-size=1",
				"--cert-audit.database.resume-attempts=0",
				"--cert-audit.reports-dir=" + REPORTS, "--spring.datasource.url=" + PostgresTestDatabase.url(schema),
				"--spring.datasource.username=postgres", "--spring.flyway.schemas=" + schema,
				"--spring.datasource.hikari.data-source-properties.ApplicationName=" + application));
		command.addAll(JUDGEMENT);
		File output = log.toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
	}

}
