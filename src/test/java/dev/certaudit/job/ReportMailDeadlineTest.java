package dev.certaudit.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.probe.PlainTcpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mail server that drips its greeting a byte at a time, each within the SMTP read timeout, costs the
 * run its mail once {@code cert-audit.mail.delivery-timeout} has passed, and never the process: the job
 * completes with its reports and its verdict, and the failed delivery is recorded and logged as any other.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class ReportMailDeadlineTest extends AuditJobTestSupport {

	static final CountDownLatch HUNG_UP = new CountDownLatch(1);

	static final PlainTcpServer DRIPPING_SMTP = start();

	@Autowired
	AuditLauncher launcher;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:report-mail-deadline;DB_CLOSE_DELAY=-1");
		estateProperties(registry);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", DRIPPING_SMTP::port);
		registry.add("cert-audit.mail.enabled", () -> "true");
		registry.add("cert-audit.mail.from", () -> "cert-audit@example.test");
		registry.add("cert-audit.mail.to", () -> "ops@example.test");
		registry.add("cert-audit.mail.delivery-timeout", () -> "1s");
	}

	@AfterAll
	static void stopSmtp() throws IOException {
		DRIPPING_SMTP.close();
	}

	@Test
	@Timeout(120)
	void mailServerDrippingItsGreetingCostsTheRunItsMailOnceTheDeliveryTimeoutPasses(CapturedOutput output)
			throws Exception {
		RunOutcome outcome = this.launcher.audit(hosts(ESTATE.writeInventory("mail-deadline.txt")), 4,
				AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).isTrue();
		// every endpoint judged; which verdicts a loaded machine's 1 s handshakes reach is not this test's matter
		assertThat(outcome.countsByStatus().values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(ESTATE.cases().size());
		Path reports = REPORTS.resolve(String.valueOf(outcome.runId()));
		assertThat(onlyFile(reports, ".xlsx")).isNotEmptyFile();
		String reason = "the SMTP server 127.0.0.1:" + DRIPPING_SMTP.port()
				+ " did not take the mail within 1000 ms (cert-audit.mail.delivery-timeout)";
		List<Map<String, Object>> deliveries = this.jdbc
			.queryForList("SELECT status, detail FROM mail_delivery WHERE run_id = ?", outcome.runId());
		assertThat(deliveries).singleElement()
			.satisfies((delivery) -> assertThat(delivery).containsEntry("STATUS", "FAILED").containsEntry("DETAIL", reason));
		assertThat(output).contains("WARN  ReportMailer - Run " + outcome.runId()
				+ ": report mail to ops@example.test not sent, the reports stay in " + reports + ": " + reason);
		assertThat(HUNG_UP.await(20, TimeUnit.SECONDS)).as("the connection to the mail server was closed").isTrue();
	}

	private static PlainTcpServer start() {
		try {
			return PlainTcpServer.start(PlainTcpServer.dripsAnSmtpGreeting(HUNG_UP));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
