package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.certaudit.CertAuditApplication;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code cert-audit worker} in a JVM of its own, as the scale-out tests start one, its output in a log. */
final class WorkerJvm {

	private WorkerJvm() {
	}

	/** A worker of {@code queue} on the test database's {@code schema}, with {@code settings} besides. */
	static Process start(String queue, String schema, Path log, List<String> settings) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), CertAuditApplication.class.getName(), "worker",
				"--cert-audit.remote.queue=" + queue, "--spring.datasource.url=" + PostgresTestDatabase.url(schema),
				"--spring.datasource.username=postgres", "--spring.flyway.schemas=" + schema));
		command.addAll(settings);
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	/** Until the worker says it serves its queue; a worker JVM starts slowly on a loaded machine. */
	static void awaitServing(Process worker, Path log) throws IOException, InterruptedException {
		Instant deadline = Instant.now().plusSeconds(180);
		while (!Files.readString(log).contains("serving partitions")) {
			assertThat(worker.isAlive()).as("worker ended: %s", Files.readString(log)).isTrue();
			assertThat(Instant.now()).as("a worker did not start within 180 s").isBefore(deadline);
			Thread.sleep(100);
		}
	}

}
