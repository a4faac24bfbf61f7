package dev.certaudit.job;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.analysis.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An SMTP server that cannot be reached costs the run its mail, not its reports or its verdict. On
 * PostgreSQL, as {@link ReportMailTest} runs on H2: the mail step's queries and its table on both.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class ReportMailFailureTest extends AuditJobTestSupport {

	static final int CLOSED_PORT = closedPort();

	@Autowired
	AuditLauncher launcher;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, "cert_audit_mail_failure_test");
		estateProperties(registry);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> CLOSED_PORT);
		registry.add("cert-audit.mail.enabled", () -> "true");
		registry.add("cert-audit.mail.from", () -> "cert-audit@example.test");
		registry.add("cert-audit.mail.to", () -> "ops@example.test");
	}

	@Test
	void unreachableMailServerIsRecordedAndLoggedWhileTheRunCompletesWithItsReports(CapturedOutput output)
			throws Exception {
		RunOutcome outcome = this.launcher.audit(hosts(ESTATE.writeInventory("mail-failure.txt")), 4,
				AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).isTrue();
		assertThat(outcome.countsByStatus()).containsEntry(Status.EXPIRED, 1L).containsEntry(Status.OK, 1L);
		Path reports = REPORTS.resolve(String.valueOf(outcome.runId()));
		assertThat(onlyFile(reports, ".xlsx")).isNotEmptyFile();
		assertThat(onlyFile(reports, ".pdf")).isNotEmptyFile();
		List<Map<String, Object>> deliveries = this.jdbc
			.queryForList("SELECT status, recipients, detail FROM mail_delivery WHERE run_id = ?", outcome.runId());
		assertThat(deliveries).hasSize(1);
		assertThat(deliveries.get(0)).containsEntry("STATUS", "FAILED").containsEntry("RECIPIENTS", "to ops@example.test");
		assertThat((String) deliveries.get(0).get("DETAIL")).contains("127.0.0.1", String.valueOf(CLOSED_PORT),
				"Connection refused");
		assertThat(outcome.mail()).startsWith("mail failed: ").contains(String.valueOf(CLOSED_PORT), "Connection refused");
		assertThat(output).containsPattern("WARN .*ReportMailer - Run " + outcome.runId()
				+ ": report mail to ops@example.test not sent, the reports stay in .*: .*Connection refused");
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
