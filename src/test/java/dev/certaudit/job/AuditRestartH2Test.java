package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.certaudit.CertAuditApplication;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.probe.Pem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default embedded H2 file database survives a kill -9 of the JVM that was auditing into it: the
 * next {@code restart} opens it, resumes the run from its last committed chunks and audits every target
 * exactly once. Each audit runs in a JVM of its own, as cron would start it, so only the database file
 * carries the run from one process to the next.
 */
class AuditRestartH2Test {

	private static final int TARGETS = 40;

	private static final Path DIRECTORY = AuditJobTestSupport.createDirectory("cert-audit-h2-restart");

	private static final String DATABASE_URL = "jdbc:h2:file:" + DIRECTORY.resolve("data/cert-audit")
			+ ";DB_CLOSE_ON_EXIT=FALSE";

	private static final List<Process> children = new ArrayList<>();

	@AfterAll
	static void killLeftoverChildren() {
		children.forEach(Process::destroyForcibly);
	}

	@Test
	void restartAfterKillMinus9AuditsEachTargetOnce() throws Exception {
		IssuedCertificate root = CertificateGenerator.root("CN=H2 Slow Root");
		IssuedCertificate leaf = CertificateGenerator.certificate("CN=*.slow.test")
			.issuedBy(root)
			.dnsNames("*.slow.test")
			.build();
		Path ca = DIRECTORY.resolve("slow-root.pem");
		Files.writeString(ca, Pem.encode(root.certificate()));
		try (LoopbackTlsServer slow = LoopbackTlsServer.start(0, leaf.keyPair().getPrivate(),
				List.of(leaf.certificate()), Duration.ofMillis(250))) {
			StringBuilder lines = new StringBuilder();
			for (int i = 1; i <= TARGETS; i++) {
				lines.append("n").append(i).append(".slow.test:").append(slow.port()).append(" address=127.0.0.1\n");
			}
			Path inventory = DIRECTORY.resolve("kill-estate.txt");
			Files.writeString(inventory, lines);

			Process audit = cli("first-audit", DATABASE_URL, ca, "audit", inventory.toString(), "--new", "--concurrency=2");
			awaitHandshakes(slow, 12, audit);
			audit.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			int handshakesBeforeRestart = slow.requestedServerNames().size();
			long runId;
			long committedBeforeKill;
			try (Connection connection = DriverManager.getConnection(DATABASE_URL, "sa", "")) {
				JdbcTemplate jdbc = jdbc(connection);
				runId = jdbc.queryForObject("SELECT MAX(run_id) FROM audit_run", Long.class);
				committedBeforeKill = jdbc.queryForObject("SELECT COUNT(*) FROM probe_result WHERE run_id = ?",
						Long.class, runId);
				assertThat(jdbc.queryForObject("SELECT status FROM batch_job_execution", String.class))
					.isEqualTo("STARTED");
			}
			assertThat(committedBeforeKill).isBetween(1L, TARGETS - 1L);

			Process restart = cli("restart", DATABASE_URL, ca, "restart");

			assertThat(restart.waitFor(120, TimeUnit.SECONDS)).isTrue();
			String output = Files.readString(log("restart"));
			assertThat(restart.exitValue()).as(output).isZero();
			assertThat(output).contains("cert-audit run " + runId + " resumed and completed: " + TARGETS + " ok");
			// the restart fetched exactly the targets whose chunk had not committed when the JVM died
			assertThat(slow.requestedServerNames().size() - handshakesBeforeRestart)
				.isEqualTo(TARGETS - committedBeforeKill);
			try (Connection connection = DriverManager.getConnection(DATABASE_URL, "sa", "")) {
				JdbcTemplate jdbc = jdbc(connection);
				for (String table : List.of("probe_result", "assessment")) {
					assertThat(jdbc.queryForList("SELECT COUNT(x.target_id) FROM audit_target t LEFT JOIN " + table
							+ " x ON x.run_id = t.run_id AND x.target_id = t.target_id WHERE t.run_id = ? GROUP BY t.target_id",
							Long.class, runId))
						.as(table)
						.hasSize(TARGETS)
						.containsOnly(1L);
				}
				assertThat(jdbc.queryForList("SELECT status FROM batch_job_execution ORDER BY job_execution_id",
						String.class))
					.containsExactly("FAILED", "COMPLETED");
			}
			try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(
					AuditJobTestSupport.onlyFile(DIRECTORY.resolve("reports").resolve(String.valueOf(runId)), ".xlsx")))) {
				assertThat(workbook.getSheet("Certificates").getLastRowNum()).isEqualTo(TARGETS);
			}
		}
	}

	@Test
	void secondProcessIsRefusedWithExit3WhileTheDatabaseIsInUse() throws Exception {
		Path inventory = DIRECTORY.resolve("busy-estate.txt");
		Files.writeString(inventory, "busy.test:443 address=127.0.0.1\n");
		String busyDatabase = "jdbc:h2:file:" + DIRECTORY.resolve("busy/cert-audit") + ";DB_CLOSE_ON_EXIT=FALSE";
		// this JVM holds the file open, as the process of a run in progress does
		try (Connection running = DriverManager.getConnection(busyDatabase, "sa", "")) {
			// a trust store that is there, so that the database is what stops the second process
			Path ca = Files.writeString(DIRECTORY.resolve("busy-ca.pem"),
					Pem.encode(CertificateGenerator.root("CN=Busy Root").certificate()));
			Process second = cli("second-audit", busyDatabase, ca, "audit", inventory.toString());

			assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(second.exitValue()).isEqualTo(3);
			assertThat(Files.readString(log("second-audit"))).isEqualTo("cert-audit: cannot start: the database is in"
					+ " use by another cert-audit process; the embedded H2 database admits one process at a time:"
					+ " wait for that run to finish, or use PostgreSQL for runs side by side\n");
		}
	}

	/** Runs the command line in a JVM of its own on the given H2 file, its output in {@code name}.log. */
	private static Process cli(String name, String database, Path ca, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", CertAuditApplication.class.getName()));
		command.addAll(List.of(arguments));
		command.addAll(List.of("--cert-audit.fetch.chunk-size=1", "--cert-audit.trust.extra-store=" + ca,
				"--cert-audit.reports-dir=" + DIRECTORY.resolve("reports"), "--spring.datasource.url=" + database));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
		children.add(process);
		return process;
	}

	private static Path log(String name) {
		return DIRECTORY.resolve(name + ".log");
	}

	private static void awaitHandshakes(LoopbackTlsServer server, int atLeast, Process child)
			throws InterruptedException, IOException {
		Instant deadline = Instant.now().plusSeconds(90);
		while (Instant.now().isBefore(deadline)) {
			assertThat(child.isAlive()).as("the audit ended before it could be killed: %s", Files.readString(log("first-audit")))
				.isTrue();
			if (server.requestedServerNames().size() >= atLeast) {
				return;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the audit made no handshakes within 90 s");
	}

	private static JdbcTemplate jdbc(Connection connection) {
		return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
	}

}
