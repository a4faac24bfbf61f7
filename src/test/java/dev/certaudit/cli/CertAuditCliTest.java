package dev.certaudit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's answers that need no database: usage, mistakes and their exit codes. */
class CertAuditCliTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		return new CertAuditCli(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8))
			.execute(args);
	}

	@Test
	void helpPrintsUsageAndExitCodes() {
		assertThat(run("help")).isEqualTo(ExitCodes.OK);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("audit [hosts.txt ...] [--domains=FILE] [--zone=FILE]", "restart [run-id]",
				"Exit codes: 0 all fine, 1 warnings, 2 critical");
	}

	@Test
	void helpOptionAfterAnyCommandPrintsUsageWithoutRunningIt() {
		for (String[] command : List.of(new String[] { "audit", "jobs/hosts.txt", "--help" },
				new String[] { "restart", "-h" }, new String[] { "runs", "--help" }, new String[] { "report", "7", "-h" },
				new String[] { "demo", "--help" })) {
			this.out.reset();

			assertThat(run(command)).as(String.join(" ", command)).isEqualTo(ExitCodes.OK);
			assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("Usage: cert-audit");
		}
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void usageDocumentsRetriesReportsAndProgress() {
		run("help");

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("report [run-id]", "cert-audit.fetch.retries",
				"cert-audit.fetch.retry-backoff ", "cert-audit.fetch.retry-backoff-max", "cert-audit.progress.interval");
	}

	@Test
	void usageDocumentsTheMailDialogueTimeoutApartFromTheHandshakes() {
		run("help");

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("cert-audit.fetch.dialogue-timeout",
				"(default: 30s)", "cert-audit.fetch.handshake-timeout", "(default: 10s)");
	}

	@Test
	void usageDocumentsTheMailDeliveryTimeout() {
		run("help");

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("cert-audit.mail.delivery-timeout",
				"the server answers (default: 2m)");
	}

	@Test
	void noCommandMeansHelp() {
		assertThat(run()).isEqualTo(ExitCodes.OK);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("Usage: cert-audit");
	}

	@Test
	void unknownCommandIsAUsageError() {
		assertThat(run("audti", "hosts.txt")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("unknown command 'audti'");
	}

	@Test
	void auditWithoutInventoryIsAUsageError() {
		assertThat(run("audit")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("audit needs at least one inventory: a host list, --domains, --zone or --certs");
	}

	@Test
	void unknownOptionIsAUsageErrorNotIgnored() {
		assertThat(run("audit", "hosts.txt", "--concurency=5")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("unknown option --concurency for 'audit'");
	}

	@Test
	void passwordOnTheCommandLineIsRefusedNamingItsEnvironmentVariable() {
		assertThat(run("audit", "hosts.txt", "--cert-audit.cert-files.password=secret")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("--cert-audit.cert-files.password is not taken on the command line")
			.contains("CERT_AUDIT_CERT_FILES_PASSWORD")
			.doesNotContain("secret");
	}

	@Test
	void missingInventoryFailsTheRunWithItsNameBeforeAnythingStarts() {
		assertThat(run("audit", "no/such/inventory.txt")).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.isEqualTo("cert-audit: inventory file not found or not readable: no/such/inventory.txt\n");
	}

	@Test
	void missingCertificateFolderFailsTheRunWithItsName() {
		assertThat(run("audit", "--certs=no/such/certs")).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.isEqualTo("cert-audit: inventory file not found or not readable: no/such/certs\n");
	}

	@Test
	void helpListsTheMailSettings() {
		run("help");

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("cert-audit.mail.enabled",
				"cert-audit.mail.only-on-problems", "cert-audit.mail.per-owner", "{organisation}", "SPRING_MAIL_PASSWORD");
	}

	@Test
	void helpListsTheCalendarFormatAndItsLeadDays() {
		run("help");

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("xlsx,pdf,csv,json,ics",
				"cert-audit.calendar.lead-days");
	}

	@Test
	void mailWithoutAnSmtpServerStopsBeforeAnyAudit() {
		assertThat(run("runs", "--spring.datasource.url=jdbc:h2:mem:cli-mail-settings", "--cert-audit.mail.enabled=true",
				"--cert-audit.mail.from=cert-audit@example.test", "--cert-audit.mail.to=ops@example.test"))
			.isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEqualTo(
				"cert-audit: cannot start: cert-audit.mail.enabled is true but no SMTP server is set: set spring.mail.host (and port)\n");
	}

	@Test
	void hostsFileThatCannotBeReadStopsBeforeAnyAuditInOneLine(@TempDir Path directory) {
		Path missing = directory.resolve("hosts");

		assertThat(run("runs", "--spring.datasource.url=jdbc:h2:mem:cli-hosts-file",
				"--cert-audit.dns.hosts-file=" + missing))
			.isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.isEqualTo("cert-audit: cannot start: cert-audit.dns.hosts-file: cannot read " + missing
					+ " (no such file); set it empty to resolve names with DNS alone\n");
	}

	@Test
	void workerOnTheEmbeddedDatabaseStopsBeforeServingWithWhatItNeeds() {
		assertThat(run("worker", "--spring.datasource.url=jdbc:h2:mem:cli-worker")).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith(
				"cert-audit: cannot start: scale-out (--remote, worker) needs the PostgreSQL database that the manager"
						+ " and its workers share");
	}

	@Test
	void workerTakesNoArguments() {
		assertThat(run("worker", "hosts.txt")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("worker takes no arguments, got hosts.txt");
	}

	@Test
	void restartNeedsANumericRunId() {
		assertThat(run("restart", "yesterday")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("restart takes a run id, got 'yesterday'");
	}

	@Test
	void reportNeedsANumericRunId() {
		assertThat(run("report", "latest")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("report takes a run id, got 'latest'");
	}

	@Test
	void reportTakesOneRunIdAtMost() {
		assertThat(run("report", "3", "4")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("report takes at most one run id, got 3 4");
	}

}
