package dev.certaudit.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.analysis.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A remote run's manager whose broker goes away: this test's context is the manager, and the loopback
 * RabbitMQ stands behind a port the test opens and closes; PostgreSQL and one worker JVM stay up.
 */
@SpringBootTest
class BrokerOutageTest extends AuditJobTestSupport {

	private static final String QUEUE = "cert-audit.test." + UUID.randomUUID();

	private static final int TARGETS = 6;

	private static final BrokerProxy BROKER = broker();

	private static String schema;

	private static Process worker;

	private static Path workerLog;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		schema = PostgresTestDatabase.register(registry, "cert_audit_broker_test");
		estateProperties(registry);
		registry.add("cert-audit.remote.enabled", () -> "true");
		registry.add("cert-audit.remote.queue", () -> QUEUE);
		registry.add("cert-audit.remote.partitions", () -> "3");
		registry.add("cert-audit.remote.poll-interval", () -> "200ms");
		judgementProperties(registry);
		registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
		registry.add("spring.rabbitmq.port", BROKER::port);
	}

	@Autowired
	AuditLauncher launcher;

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	DataSource dataSource;

	@AfterAll
	static void stopWorkerAndDeleteQueue() throws IOException, InterruptedException {
		if (worker != null) {
			worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		BROKER.close();
		CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1");
		try {
			new RabbitAdmin(broker).deleteQueue(QUEUE);
		}
		finally {
			broker.destroy();
		}
	}

	@Test
	void auditWhileTheBrokerIsDownIsRefusedWithoutARunAndRunsOnceItIsBack() throws Exception {
		try (Socket closed = closedPort()) {
			Path inventory = inventory("down-at-start.txt", closed.getLocalPort());
			startWorker();
			BROKER.close();

			assertThatThrownBy(() -> this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.RESUME_OR_NEW))
				.isInstanceOf(AuditRefusedException.class)
				.hasMessage("cannot start: RabbitMQ at 127.0.0.1:" + BROKER.port()
						+ " is unreachable (Connection refused); check spring.rabbitmq.host/port");
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_run WHERE inventories = ?", Long.class,
					"hosts:" + inventory)).isZero();
			assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM batch_job_execution"
					+ " WHERE status IN ('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')", Long.class)).isZero();

			BROKER.forward();
			awaitWorker();
			RunOutcome outcome = this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.RESUME_OR_NEW);

			assertThat(outcome.resumed()).isFalse();
			assertEveryTargetAuditedOnce(outcome);
		}
	}

	@Test
	void runWhoseBrokerWentAwayWhileSendingPartitionsSaysSoAndIsResumed() throws Exception {
		try (Socket closed = closedPort()) {
			Path inventory = inventory("down-while-sending.txt", closed.getLocalPort());
			startWorker();
			BROKER.forward();
			CountDownLatch connectionLost = new CountDownLatch(1);
			ConnectionListener lost = new ConnectionListener() {
				@Override
				public void onCreate(org.springframework.amqp.rabbit.connection.Connection connection) {
				}

				@Override
				public void onShutDown(ShutdownSignalException signal) {
					connectionLost.countDown();
				}
			};
			RunOutcome failed;
			try (Connection lock = this.dataSource.getConnection()) {
				// discoverTargets waits for this lock: the broker was checked, the run is created, nothing is sent yet
				lock.setAutoCommit(false);
				lock.createStatement().execute("LOCK TABLE audit_target IN EXCLUSIVE MODE");
				CompletableFuture<RunOutcome> run = CompletableFuture
					.supplyAsync(() -> this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.NEW));
				awaitWaitingForTheLock(run);
				this.connectionFactory.addConnectionListener(lost);
				boolean connected = BROKER.relaying();
				BROKER.close();
				if (connected) {
					assertThat(connectionLost.await(60, TimeUnit.SECONDS)).as("the manager saw its connection end")
						.isTrue();
				}
				lock.rollback();
				failed = run.get(180, TimeUnit.SECONDS);
			}
			finally {
				this.connectionFactory.removeConnectionListener(lost);
			}

			assertThat(failed.completed()).isFalse();
			assertThat(failed.failure()).isEqualTo("RabbitMQ at 127.0.0.1:" + BROKER.port()
					+ " is unreachable (Connection refused); check spring.rabbitmq.host/port");
			assertThat(partitionStatuses(failed.runId())).hasSize(dealtPartitions(failed.runId())).containsOnly("FAILED");

			BROKER.forward();
			awaitWorker();
			RunOutcome resumed = this.launcher.audit(hosts(inventory), 2, AuditLauncher.StartMode.RESUME_OR_NEW);

			assertThat(resumed.runId()).isEqualTo(failed.runId());
			assertThat(resumed.resumed()).isTrue();
			assertEveryTargetAuditedOnce(resumed);
		}
	}

	private void assertEveryTargetAuditedOnce(RunOutcome outcome) {
		assertThat(outcome.completed()).as(String.valueOf(outcome.failure())).isTrue();
		assertThat(outcome.countsByStatus()).isEqualTo(Map.of(Status.ERROR, (long) TARGETS));
		assertThat(rowsPerTarget("probe_result", outcome.runId())).hasSize(TARGETS).containsOnly(1L);
	}

	/** Until the run's discoverTargets waits for the test's lock on audit_target. */
	private void awaitWaitingForTheLock(CompletableFuture<RunOutcome> run) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(120);
		while (this.jdbc.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE relation = 'audit_target'::regclass"
				+ " AND NOT granted", Long.class) == 0) {
			assertThat(run).as("the run ended before it reached discoverTargets").isNotDone();
			assertThat(Instant.now()).as("discoverTargets did not start within 120 s").isBefore(deadline);
			Thread.sleep(20);
		}
	}

	private List<String> partitionStatuses(long runId) {
		return this.jdbc.queryForList("SELECT s.status FROM batch_step_execution s JOIN batch_job_execution_params p"
				+ " ON p.job_execution_id = s.job_execution_id WHERE p.parameter_name = 'runId'"
				+ " AND p.parameter_value = ? AND s.step_name LIKE 'fetchAndAnalysePartition:%'", String.class,
				String.valueOf(runId));
	}

	/** Bound but not listening: the targets' connections are refused, so the worker judges each at once. */
	private static Socket closedPort() throws IOException {
		Socket closed = new Socket();
		closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		return closed;
	}

	private static Path inventory(String file, int port) throws IOException {
		StringBuilder lines = new StringBuilder();
		for (int i = 1; i <= TARGETS; i++) {
			lines.append("n").append(i).append(".outage.test:").append(port).append(" address=127.0.0.1\n");
		}
		Path inventory = ESTATE.directory().resolve(file);
		Files.writeString(inventory, lines);
		return inventory;
	}

	/** The one worker of this class, serving its database and queue from the real broker port. */
	private static void startWorker() throws IOException {
		if (worker == null) {
			workerLog = ESTATE.directory().resolve("outage-worker.log");
			List<String> settings = new ArrayList<>(List.of("--spring.rabbitmq.host=127.0.0.1"));
			settings.addAll(JUDGEMENT);
			worker = WorkerJvm.start(QUEUE, schema, workerLog, settings);
		}
	}

	private static void awaitWorker() throws IOException, InterruptedException {
		WorkerJvm.awaitServing(worker, workerLog);
	}

	/** The loopback RabbitMQ behind a port of its own, closed until the test lets it forward. */
	private static BrokerProxy broker() {
		try {
			return new BrokerProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5672));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
