package dev.certaudit.job;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openpdf.text.pdf.PdfReader;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.analysis.Status;
import dev.certaudit.report.ReportFormatting;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job with mail on, delivering to GreenMail (an in-process SMTP server on loopback) with a
 * login, to two recipients and one in copy, and only when the run found problems.
 */
@SpringBootTest
class ReportMailTest extends AuditJobTestSupport {

	@RegisterExtension
	static final GreenMailExtension SMTP = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("cert-audit@example.test", "cert-audit", "s3cret"))
		.withPerMethodLifecycle(false);

	@Autowired
	AuditLauncher launcher;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JavaMailSenderImpl mailSender;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:report-mail;DB_CLOSE_DELAY=-1");
		estateProperties(registry);
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
		registry.add("spring.mail.username", () -> "cert-audit");
		registry.add("spring.mail.password", () -> "s3cret");
		registry.add("spring.mail.properties.mail.smtp.auth", () -> "true");
		registry.add("cert-audit.mail.enabled", () -> "true");
		registry.add("cert-audit.mail.from", () -> "cert-audit@example.test");
		registry.add("cert-audit.mail.to", () -> "ops@example.test, security@example.test");
		registry.add("cert-audit.mail.cc", () -> "audit-log@example.test");
		registry.add("cert-audit.mail.subject", () -> "[certs] run {run} of {date}: {expired} expired, {critical} critical, {error} error, {ok} ok");
		registry.add("cert-audit.mail.only-on-problems", () -> "true");
	}

	@BeforeEach
	void emptyMailboxes() throws Exception {
		SMTP.purgeEmailFromAllMailboxes();
	}

	@Test
	void reportsAreMailedWithTheirSummaryToEveryRecipient() throws Exception {
		RunOutcome outcome = this.launcher.audit(hosts(ESTATE.writeInventory("mail-estate.txt")), 4,
				AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).isTrue();
		assertThat(outcome.mail()).isEqualTo("mail sent to 3 recipients");
		// one copy per recipient, all of the same message
		MimeMessage[] received = SMTP.getReceivedMessages();
		assertThat(received).hasSize(3);
		MimeMessage mail = received[0];
		assertThat(addresses(mail.getRecipients(RecipientType.TO))).containsExactly("ops@example.test",
				"security@example.test");
		assertThat(addresses(mail.getRecipients(RecipientType.CC))).containsExactly("audit-log@example.test");
		assertThat(addresses(mail.getFrom())).containsExactly("cert-audit@example.test");
		String date = ReportFormatting.date(this.jdbc.queryForObject(
				"SELECT created_at FROM audit_run WHERE run_id = ?", OffsetDateTime.class, outcome.runId())
			.toInstant());
		assertThat(mail.getSubject()).isEqualTo("[certs] run " + outcome.runId() + " of " + date
				+ ": 1 expired, 5 critical, 3 error, 1 ok");

		Multipart mixed = (Multipart) mail.getContent();
		assertThat(mail.getContentType()).startsWith("multipart/mixed");
		BodyPart body = mixed.getBodyPart(0);
		assertThat(body.getContentType()).startsWith("multipart/alternative");
		Multipart alternative = (Multipart) body.getContent();
		String text = ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
		String html = (String) alternative.getBodyPart(1).getContent();
		assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
		assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
		int expiredPort = ESTATE.cases().get("expired.test").port();
		assertThat(text).contains("run " + outcome.runId(), "EXPIRED              1", "CRITICAL             5",
				"OK                   1", "Total               11", "10 of 11 endpoints need action.",
				"Needs action, most urgent first:\n",
				"- EXPIRED expired.test:" + expiredPort + ": expired on ",
				"; owner team-expired\n  What is wrong: Expired on ",
				"  What to do: Renew the certificate now",
				"cert-audit-" + date + ".xlsx", "cert-audit-" + date + ".pdf")
			.doesNotContain("more in the attached reports", "CRIT_CERT_EXPIRED");
		assertThat(html).contains("<h3>Needs action, most urgent first</h3>", "expired.test:" + expiredPort,
				"team-expired", "expired on ", ">EXPIRED</td><td align=\"right\"", "<table border=\"1\" cellpadding=\"4\"")
			.doesNotContain("CRIT_CERT_EXPIRED", "class=");
		// most urgent first, as in the reports: the endpoints that could not be fetched, then the expired one
		assertThat(text.indexOf("- ERROR")).isLessThan(text.indexOf("- EXPIRED"));
		assertThat(text.indexOf("- EXPIRED")).isLessThan(text.indexOf("- CRITICAL"));
		assertThat(text).doesNotContain("valid.test:" + ESTATE.cases().get("valid.test").port() + " ");

		Map<String, byte[]> attachments = attachments(mixed);
		Path reports = REPORTS.resolve(String.valueOf(outcome.runId()));
		assertThat(attachments).containsOnlyKeys("cert-audit-" + date + ".xlsx", "cert-audit-" + date + ".pdf");
		byte[] workbookBytes = attachments.get("cert-audit-" + date + ".xlsx");
		assertThat(workbookBytes).isEqualTo(Files.readAllBytes(reports.resolve("cert-audit-" + date + ".xlsx")));
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(workbookBytes))) {
			assertThat(workbook.getSheet("Certificates").getLastRowNum()).isEqualTo(ESTATE.cases().size());
		}
		byte[] pdfBytes = attachments.get("cert-audit-" + date + ".pdf");
		assertThat(pdfBytes).isEqualTo(Files.readAllBytes(reports.resolve("cert-audit-" + date + ".pdf")));
		try (PdfReader pdf = new PdfReader(pdfBytes)) {
			assertThat(pdf.getNumberOfPages()).isPositive();
		}

		assertThat(deliveries(outcome.runId())).containsExactly(
				"SENT to ops@example.test, security@example.test; cc audit-log@example.test null");
	}

	@Test
	void runWithEveryEndpointOkSendsNothingWhenOnlyProblemsAreMailed() throws Exception {
		Path inventory = ESTATE.directory().resolve("all-ok.txt");
		Files.writeString(inventory, "valid.test:" + ESTATE.cases().get("valid.test").port() + " address=127.0.0.1\n");

		RunOutcome outcome = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).isTrue();
		assertThat(outcome.count(Status.OK)).isEqualTo(1);
		assertThat(outcome.mail()).isEqualTo("mail not sent: nothing to report");
		assertThat(SMTP.getReceivedMessages()).isEmpty();
		assertThat(deliveries(outcome.runId())).containsExactly(
				"SKIPPED to ops@example.test, security@example.test; cc audit-log@example.test skipped: nothing to report");
	}

	@Test
	void runKilledAfterMailingDoesNotMailAgainWhenRestarted() throws Exception {
		RunOutcome first = this.launcher.audit(hosts(ESTATE.writeInventory("mail-restart.txt")), 4,
				AuditLauncher.StartMode.NEW);
		assertThat(SMTP.getReceivedMessages()).hasSize(3);
		// as a kill -9 right after sendReports committed leaves it: the job still marked running
		JobExecution execution = this.jobRepository.getLastJobExecution(AuditJobConfiguration.JOB_NAME,
				new JobParametersBuilder().addLong(AuditJobConfiguration.RUN_ID, first.runId()).toJobParameters());
		execution.setStatus(BatchStatus.STARTED);
		execution.setEndTime(null);
		this.jobRepository.update(execution);

		RunOutcome restarted = this.launcher.restart(first.runId(), true);

		assertThat(restarted.completed()).isTrue();
		assertThat(restarted.mail()).as("what the execution that mailed did").isEqualTo("mail sent to 3 recipients");
		assertThat(SMTP.getReceivedMessages()).hasSize(3);
		assertThat(deliveries(first.runId())).hasSize(1);
		JobExecution last = this.jobRepository.getLastJobExecution(AuditJobConfiguration.JOB_NAME,
				new JobParametersBuilder().addLong(AuditJobConfiguration.RUN_ID, first.runId()).toJobParameters());
		assertThat(last.getId()).isNotEqualTo(execution.getId());
		assertThat(last.getStepExecutions().stream().map(StepExecution::getStepName)).doesNotContain("sendReports");
	}

	@Test
	void smtpServerThatStopsAnsweringCannotHoldTheRunForLong() {
		assertThat(this.mailSender.getJavaMailProperties()).containsEntry("mail.smtp.connectiontimeout", "10000")
			.containsEntry("mail.smtp.timeout", "10000")
			.containsEntry("mail.smtp.writetimeout", "10000");
	}

	private List<String> deliveries(long runId) {
		return this.jdbc.queryForList(
				"SELECT status || ' ' || recipients || ' ' || COALESCE(detail, 'null') FROM mail_delivery WHERE run_id = ?",
				String.class, runId);
	}

	private static List<String> addresses(Address[] addresses) {
		return Arrays.stream(addresses).map((a) -> ((InternetAddress) a).getAddress()).toList();
	}

	private static Map<String, byte[]> attachments(Multipart mixed) throws MessagingException, IOException {
		Map<String, byte[]> attachments = new LinkedHashMap<>();
		List<String> dispositions = new ArrayList<>();
		for (int i = 1; i < mixed.getCount(); i++) {
			BodyPart part = mixed.getBodyPart(i);
			dispositions.add(part.getDisposition());
			attachments.put(part.getFileName(), part.getInputStream().readAllBytes());
		}
		assertThat(dispositions).containsOnly(Part.ATTACHMENT);
		return attachments;
	}

}
