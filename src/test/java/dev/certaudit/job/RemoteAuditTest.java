package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.CertAuditApplication;
import dev.certaudit.analysis.Status;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackTlsServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out over the real RabbitMQ and PostgreSQL on loopback: this test's context is the manager
 * ({@code cert-audit.remote.enabled}), and two worker JVMs of their own serve its partitions, so one can
 * be killed with SIGKILL in the middle of a partition. The workers serve every test, and one a test
 * ended is replaced before the next: starting a worker JVM is most of what the tests cost.
 */
@SpringBootTest
class RemoteAuditTest extends AuditJobTestSupport {

	private static final String QUEUE = "cert-audit.test." + UUID.randomUUID();

	private static final int TARGETS = 48;


	/** Long enough that a loaded machine's pauses are not taken for a stall. */
	private static final String STALL_TIMEOUT = "20s";

	private static String schema;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		schema = PostgresTestDatabase.register(registry, "cert_audit_remote_test");
		estateProperties(registry);
		registry.add("cert-audit.remote.enabled", () -> "true");
		registry.add("cert-audit.remote.queue", () -> QUEUE);
		registry.add("cert-audit.remote.partitions", () -> "6");
		registry.add("cert-audit.remote.poll-interval", () -> "200ms");
		registry.add("cert-audit.remote.stall-timeout", () -> STALL_TIMEOUT);
		registry.add("cert-audit.lease.timeout", () -> "5s");
		judgementProperties(registry);
	}

	@Autowired
	AuditLauncher launcher;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	AmqpAdmin amqpAdmin;

	@Autowired
	AmqpTemplate amqpTemplate;

	@Autowired
	PartitionClaims claims;

	private static final List<Process> workers = new ArrayList<>();

	private static final Map<Process, Path> workerLogs = new LinkedHashMap<>();

	private static int workersStarted;

	@AfterEach
	void purgeQueue() {
		this.amqpAdmin.purgeQueue(QUEUE, true);
	}

	/** The queue is durable: without this every build would leave one behind in the broker. */
	@AfterAll
	static void stopWorkersAndDeleteQueue() throws InterruptedException {
		stopWorkers();
		CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1");
		try {
			new RabbitAdmin(broker).deleteQueue(QUEUE);
		}
		finally {
			broker.destroy();
		}
	}

	@Test
	void twoWorkersAuditEveryTargetExactlyOnce() throws Exception {
		try (LoopbackTlsServer server = slowServer("*.remote.test", Duration.ofMillis(100))) {
			Path inventory = inventory("remote-estate.txt", "remote.test", server.port());
			List<Process> serving = twoWorkers();
			Process first = serving.get(0);
			Process second = serving.get(1);

			RunOutcome outcome = this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.NEW);

			assertEveryTargetAuditedOnce(outcome);
			// every name was asked for in exactly one handshake: no partition ran twice
			assertThat(handshakesPerName(server)).hasSize(TARGETS).allSatisfy((name, count) -> assertThat(count).isOne());
			List<StepExecution> partitions = partitions(outcome.runId());
			assertThat(dealtPartitions(outcome.runId())).isGreaterThanOrEqualTo(6);
			assertThat(partitions).hasSize(dealtPartitions(outcome.runId()))
				.allSatisfy((p) -> assertThat(p.getStatus()).isEqualTo(BatchStatus.COMPLETED));
			assertThat(partitions.stream().map(RemoteAuditTest::worker).distinct())
				.containsExactlyInAnyOrder(worker(first), worker(second));
		}
	}

	@Test
	void partitionOfAWorkerKilledMidRunIsTakenOverByTheOther() throws Exception {
		try (LoopbackTlsServer server = slowServer("*.killed.test", Duration.ofMillis(400))) {
			Path inventory = inventory("killed-estate.txt", "killed.test", server.port());
			List<Process> serving = twoWorkers();
			Process doomed = serving.get(0);
			Process survivor = serving.get(1);

			CompletableFuture<RunOutcome> run = CompletableFuture
				.supplyAsync(() -> this.launcher.audit(hosts(inventory), 1, AuditLauncher.StartMode.NEW));
			StepExecution cutShort = awaitCommittedPartitionOf(doomed, run);
			doomed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			RunOutcome outcome = run.get(180, TimeUnit.SECONDS);

			assertEveryTargetAuditedOnce(outcome);
			StepExecution takenOver = this.jobRepository.getStepExecution(cutShort.getId());
			assertThat(takenOver.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(worker(takenOver)).isEqualTo(worker(survivor));
			assertThat(partitions(outcome.runId())).hasSize(dealtPartitions(outcome.runId()))
				.allSatisfy((p) -> assertThat(p.getStatus()).isEqualTo(BatchStatus.COMPLETED));
		}
	}

	@Test
	void workerToldToStopFinishesItsPartitionsFirst() throws Exception {
		try (LoopbackTlsServer server = slowServer("*.drained.test", Duration.ofMillis(400))) {
			Path inventory = inventory("drained-estate.txt", "drained.test", server.port());
			Process stopping = twoWorkers().get(0);

			CompletableFuture<RunOutcome> run = CompletableFuture
				.supplyAsync(() -> this.launcher.audit(hosts(inventory), 1, AuditLauncher.StartMode.NEW));
			StepExecution running = awaitCommittedPartitionOf(stopping, run);
			stopping.destroy();
			assertThat(stopping.waitFor(60, TimeUnit.SECONDS)).as("the worker stops once drained").isTrue();
			RunOutcome outcome = run.get(180, TimeUnit.SECONDS);

			assertEveryTargetAuditedOnce(outcome);
			StepExecution drained = this.jobRepository.getStepExecution(running.getId());
			assertThat(drained.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(worker(drained)).isEqualTo(worker(stopping));
		}
	}

	@Test
	void redeliveredPartitionIsNotRunTwiceWhileItsWorkerRunsIt() throws Exception {
		try (LoopbackTlsServer server = slowServer("*.redelivered.test", Duration.ofMillis(400))) {
			Path inventory = inventory("redelivered-estate.txt", "redelivered.test", server.port());
			Process holder = twoWorkers().get(0);

			CompletableFuture<RunOutcome> run = CompletableFuture
				.supplyAsync(() -> this.launcher.audit(hosts(inventory), 1, AuditLauncher.StartMode.NEW));
			StepExecution running = awaitCommittedPartitionOf(holder, run);
			// another worker handed the partition finds it fenced to its live holder
			assertThat(this.claims.claim(running.getId(), "lease of another worker"))
				.hasValueSatisfying((why) -> assertThat(why).startsWith("the worker pid " + holder.pid() + " on "));
			// what RabbitMQ sends when it loses sight of the consumer that had the request; every consumer may
			// be busy until the partition ends, so the worker may also find it done by then
			this.amqpTemplate.convertAndSend(QUEUE, new StepExecutionRequest(RemotePartitioningConfiguration.WORKER_STEP,
					running.getId()));
			RunOutcome outcome = run.get(180, TimeUnit.SECONDS);

			assertEveryTargetAuditedOnce(outcome);
			assertThat(handshakesPerName(server)).hasSize(TARGETS).allSatisfy((name, count) -> assertThat(count).isOne());
			awaitWorkerLog("Dropping a request for " + running.getStepName() + " of run " + outcome.runId()
					+ " \\(step execution " + running.getId() + "\\): (this worker runs it|the worker pid|it is completed)");
			assertThat(worker(this.jobRepository.getStepExecution(running.getId()))).isEqualTo(worker(holder));
		}
	}

	@Test
	void workerThatJudgesByOtherTrustSettingsIsRefusedAndTheRunResumesWithRightOnes() throws Exception {
		try (LoopbackTlsServer server = slowServer("*.misjudged.test", Duration.ofMillis(20))) {
			Path inventory = inventory("misjudged-estate.txt", "misjudged.test", server.port());
			stopWorkers();
			Process misconfigured = serving(startWorker(JUDGEMENT.subList(1, JUDGEMENT.size())));
			try {
				RunOutcome refused = this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.NEW);

				assertThat(refused.completed()).isFalse();
				assertThat(refused.failure()).contains("refused by the worker " + worker(misconfigured))
					.contains("trust.anchors: run sha256:");
				assertThat(rows("probe_result", refused.runId())).isZero();
			}
			finally {
				misconfigured.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
			twoWorkers();

			RunOutcome outcome = this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.RESUME_OR_NEW);

			assertThat(outcome.resumed()).isTrue();
			assertEveryTargetAuditedOnce(outcome);
		}
	}

	@Test
	void partitionsNoWorkerTakesFailTheRunAtTheStallTimeoutAndResumeOnceWorkersServe() throws Exception {
		try (LoopbackTlsServer server = slowServer("*.unserved.test", Duration.ofMillis(20))) {
			Path inventory = inventory("unserved-estate.txt", "unserved.test", server.port());
			stopWorkers();

			RunOutcome stalled = CompletableFuture
				.supplyAsync(() -> this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.NEW))
				.get(180, TimeUnit.SECONDS);

			assertThat(stalled.completed()).isFalse();
			int dealt = dealtPartitions(stalled.runId());
			assertThat(stalled.failure()).contains(dealt + " of " + dealt + " partitions did not complete")
				.contains("no worker took it in")
				.contains("no live worker serves queue " + QUEUE);
			twoWorkers();

			RunOutcome outcome = this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.RESUME_OR_NEW);

			assertThat(outcome.resumed()).isTrue();
			assertThat(outcome.runId()).isEqualTo(stalled.runId());
			assertEveryTargetAuditedOnce(outcome);
		}
	}

	@Test
	void runWhoseManagerWasKilledIsCompletedByRestartWithTheWorkersItLeft() throws Exception {
		try (LoopbackTlsServer server = slowServer("*.orphaned.test", Duration.ofMillis(400))) {
			Path inventory = inventory("orphaned-estate.txt", "orphaned.test", server.port());
			twoWorkers();
			Process manager = managerInChildJvm(inventory);
			long runId = awaitCommittedProbes(inventory, 6, manager);
			manager.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

			RunOutcome outcome = this.launcher.restart(runId, false);

			assertEveryTargetAuditedOnce(outcome);
			assertThat(this.jdbc.queryForList("SELECT e.status FROM batch_job_execution e JOIN batch_job_execution_params p"
					+ " ON p.job_execution_id = e.job_execution_id WHERE p.parameter_name = 'runId' AND p.parameter_value = ?"
					+ " ORDER BY e.job_execution_id", String.class, String.valueOf(runId)))
				.containsExactly("FAILED", "COMPLETED");
		}
	}

	/** {@code audit --remote} in a JVM of its own, so it can be killed with SIGKILL. */
	private Process managerInChildJvm(Path inventory) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), CertAuditApplication.class.getName(), "audit", inventory.toString(),
				"--new", "--remote", "--concurrency=1", "--cert-audit.remote.queue=" + QUEUE,
				"--cert-audit.remote.partitions=6", "--cert-audit.reports-dir=" + REPORTS,
				"--spring.datasource.url=" + PostgresTestDatabase.url(schema), "--spring.datasource.username=postgres",
				"--spring.flyway.schemas=" + schema));
		command.addAll(JUDGEMENT);
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ESTATE.directory().resolve("manager.log").toFile())
			.start();
	}

	/** The run completed, each target with one probe and one verdict: an untrusted chain, as every worker judged. */
	private void assertEveryTargetAuditedOnce(RunOutcome outcome) {
		assertThat(outcome.completed()).as(String.valueOf(outcome.failure())).isTrue();
		assertThat(outcome.countsByStatus()).isEqualTo(Map.of(Status.CRITICAL, (long) TARGETS));
		assertThat(rowsPerTarget("probe_result", outcome.runId())).hasSize(TARGETS).containsOnly(1L);
		assertThat(rowsPerTarget("assessment", outcome.runId())).hasSize(TARGETS).containsOnly(1L);
	}

	/** A partition the worker has started and committed part of, while the run goes on. */
	private StepExecution awaitCommittedPartitionOf(Process worker, CompletableFuture<RunOutcome> run)
			throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(120);
		while (Instant.now().isBefore(deadline)) {
			assertThat(run).as("the run ended before a worker could be killed").isNotDone();
			List<Long> started = this.jdbc.queryForList("SELECT step_execution_id FROM batch_step_execution"
					+ " WHERE step_name LIKE 'fetchAndAnalysePartition:%' AND status = 'STARTED' AND commit_count >= 1",
					Long.class);
			for (long id : started) {
				StepExecution partition = this.jobRepository.getStepExecution(id);
				if (worker(worker).equals(worker(partition))) {
					return partition;
				}
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the worker committed no part of a partition within 120 s");
	}

	private static Map<String, Long> handshakesPerName(LoopbackTlsServer server) {
		return server.requestedServerNames()
			.stream()
			.flatMap(List::stream)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	/** Waits for a line of the workers' logs to match: a request is logged once a consumer is free for it. */
	private static void awaitWorkerLog(String regex) throws IOException, InterruptedException {
		Pattern pattern = Pattern.compile(regex);
		Instant deadline = Instant.now().plusSeconds(60);
		StringBuilder logs = new StringBuilder();
		while (Instant.now().isBefore(deadline)) {
			logs.setLength(0);
			for (Path log : workerLogs.values()) {
				logs.append(Files.readString(log));
			}
			if (pattern.matcher(logs).find()) {
				return;
			}
			Thread.sleep(100);
		}
		assertThat(logs.toString()).as("the workers' logs within 60 s").containsPattern(pattern);
	}

	private List<StepExecution> partitions(long runId) {
		return this.jdbc
			.queryForList("SELECT s.step_execution_id FROM batch_step_execution s JOIN batch_job_execution_params p"
					+ " ON p.job_execution_id = s.job_execution_id WHERE p.parameter_name = 'runId'"
					+ " AND p.parameter_value = ? AND s.step_name LIKE 'fetchAndAnalysePartition:%'", Long.class,
					String.valueOf(runId))
			.stream()
			.map(this.jobRepository::getStepExecution)
			.toList();
	}

	private static String worker(StepExecution partition) {
		return partition.getExecutionContext().getString(RemotePartitioningConfiguration.WORKER, "none");
	}

	private static String worker(Process process) {
		return RemotePartitioningConfiguration.workerName(process.pid());
	}

	private static LoopbackTlsServer slowServer(String name, Duration delay) throws IOException {
		IssuedCertificate root = CertificateGenerator.root("CN=Remote Root");
		IssuedCertificate leaf = CertificateGenerator.certificate("CN=" + name).issuedBy(root).dnsNames(name).build();
		return LoopbackTlsServer.start(0, leaf.keyPair().getPrivate(), List.of(leaf.certificate()), delay);
	}

	private static Path inventory(String file, String domain, int port) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (int i = 1; i <= TARGETS; i++) {
			lines.append("n").append(i).append('.').append(domain).append(':').append(port).append(" address=127.0.0.1\n");
		}
		Path inventory = ESTATE.directory().resolve(file);
		Files.writeString(inventory, lines);
		return inventory;
	}

	/**
	 * The two workers serving this test's database and queue, configured as the manager is: those a test
	 * before left alive, and new ones for those it ended, started side by side; returns once both serve.
	 */
	private static List<Process> twoWorkers() throws Exception {
		workers.removeIf((worker) -> !worker.isAlive());
		List<Process> starting = new ArrayList<>();
		while (workers.size() + starting.size() < 2) {
			starting.add(startWorker(JUDGEMENT));
		}
		for (Process worker : starting) {
			workers.add(serving(worker));
		}
		return List.copyOf(workers);
	}

	/** Stops the workers serving the tests; the next {@link #twoWorkers()} starts new ones. */
	private static void stopWorkers() throws InterruptedException {
		for (Process worker : workers) {
			worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		workers.clear();
	}

	/** A worker JVM judging by the given settings, its output in a log of its own. */
	private static Process startWorker(List<String> judgement) throws IOException {
		Path log = ESTATE.directory().resolve("worker-" + (++workersStarted) + ".log");
		List<String> settings = new ArrayList<>(List.of("--cert-audit.remote.partitions-at-once=4",
				"--cert-audit.fetch.chunk-size=1", "--cert-audit.lease.timeout=5s"));
		settings.addAll(judgement);
		Process worker = WorkerJvm.start(QUEUE, schema, log, settings);
		workerLogs.put(worker, log);
		return worker;
	}

	/** Returns the worker once it serves the queue. */
	private static Process serving(Process worker) throws Exception {
		WorkerJvm.awaitServing(worker, workerLogs.get(worker));
		return worker;
	}

}
