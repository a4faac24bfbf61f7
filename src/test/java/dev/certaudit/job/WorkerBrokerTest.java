package dev.certaudit.job;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker JVM whose broker comes and goes: the real RabbitMQ on loopback behind a {@link BrokerProxy}
 * the test closes, opens and makes hang up. The worker must say it serves only while its consumers are
 * registered at the broker, tell each change once in a line that names the broker, never a stack
 * trace, and keep its ready file (the container's readiness probe) to match.
 */
class WorkerBrokerTest {

	private static final String QUEUE = "cert-audit.test.worker-broker." + UUID.randomUUID();

	private static final String NOT_SERVING = "cert-audit worker not serving partitions: broker 127.0.0.1:";

	@TempDir
	Path directory;

	private Process worker;

	@AfterEach
	void stopWorkerAndDeleteQueue() throws InterruptedException {
		if (this.worker != null) {
			this.worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1");
		try {
			new RabbitAdmin(broker).deleteQueue(QUEUE);
		}
		finally {
			broker.destroy();
		}
	}

	@Test
	void workerIsReadyOnlyWhileItsBrokerAnswersAndSaysSoOncePerChange() throws Exception {
		Path log = this.directory.resolve("worker.log");
		Path ready = this.directory.resolve("probes/ready");
		Path alive = this.directory.resolve("probes/alive");
		try (BrokerProxy proxy = new BrokerProxy(new InetSocketAddress("127.0.0.1", 5672))) {
			String broker = "127.0.0.1:" + proxy.port();
			this.worker = startWorker(proxy.port(), ready, alive, log);

			await(() -> Files.readString(log).contains(NOT_SERVING + proxy.port()), "the worker says its broker is away", 180, log);
			assertThat(Files.readString(log)).contains("(queue " + QUEUE + "): cannot connect: ConnectException: Connection refused")
				.doesNotContain("serving partitions from queue")
				.doesNotContain("\tat ");
			assertThat(ready).as("not ready without its broker").doesNotExist();
			assertThat(alive).as("alive: restarting it would not bring the broker back").exists();

			proxy.forward();
			await(() -> Files.exists(ready), "the worker is ready once its broker answers", 60, log);
			assertThat(Files.readString(log)).contains("cert-audit worker (pid " + this.worker.pid()
					+ ") serving partitions from queue " + QUEUE + " at broker " + broker + ", 2 at a time");

			int hungUpBefore = proxy.hungUp();
			proxy.hangUp();
			await(() -> !Files.exists(ready), "the worker is not ready once it lost its broker", 60, log);
			// several rounds of attempts by both consumers, each one failing
			await(() -> proxy.hungUp() >= hungUpBefore + 9, "the worker tries its broker again and again", 120, log);
			assertThat(Files.readString(log).lines().filter((line) -> line.contains(NOT_SERVING)))
				.as("one line when it stopped serving, however often it tried").hasSize(2)
				.last().asString().contains(": lost the connection: ");
			assertThat(ready).doesNotExist();

			proxy.forward();
			await(() -> Files.exists(ready), "the worker is ready again once its broker answers", 60, log);
			assertThat(Files.readString(log)).contains("Broker " + broker + " answers again: serving partitions from queue "
					+ QUEUE)
				.doesNotContain("\tat ");

			this.worker.destroy();
			assertThat(this.worker.waitFor(120, TimeUnit.SECONDS)).as("the worker stops when told to").isTrue();
			assertThat(ready).doesNotExist();
			assertThat(alive).doesNotExist();
			assertThat(Files.readString(log)).doesNotContain("\tat ");
		}
	}

	/** Generous deadlines: a worker JVM starts slowly on a loaded machine. */
	private void await(Callable<Boolean> condition, String what, int seconds, Path log) throws Exception {
		Instant deadline = Instant.now().plusSeconds(seconds);
		while (!condition.call()) {
			if (Instant.now().isAfter(deadline) || !this.worker.isAlive()) {
				throw new AssertionError("expected " + what + " within " + seconds + " s; the worker "
						+ (this.worker.isAlive() ? "runs" : "ended") + ", its log:\n" + Files.readString(log));
			}
			Thread.sleep(100);
		}
	}

	private Process startWorker(int brokerPort, Path ready, Path alive, Path log) throws IOException {
		String schema = PostgresTestDatabase.register((name, value) -> {
		}, "cert_audit_worker_broker_test");
		return WorkerJvm.start(QUEUE, schema, log, List.of("--spring.rabbitmq.host=127.0.0.1",
				"--spring.rabbitmq.port=" + brokerPort, "--cert-audit.remote.ready-file=" + ready,
				"--cert-audit.remote.alive-file=" + alive));
	}

}
