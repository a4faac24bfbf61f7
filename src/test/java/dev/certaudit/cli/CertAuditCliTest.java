package dev.certaudit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.analysis.Status;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's answers that need no database: usage, mistakes and their exit codes. */
class CertAuditCliTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private CertAuditCli cli = new CertAuditCli(new PrintStream(this.out, true, StandardCharsets.UTF_8),
			new PrintStream(this.err, true, StandardCharsets.UTF_8));

	private int run(String... args) {
		return this.cli.execute(args);
	}

	@Test
	void helpPrintsUsageAndExitCodes() {
		assertThat(run("help")).isEqualTo(ExitCodes.OK);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("audit [hosts.txt ...] [--domains=FILE] [--zone=FILE]", "restart [run-id]",
				"Exit codes: 0 all fine, 1 warnings, 2 error/expired/critical");
	}

	@Test
	void helpOptionAfterAnyCommandPrintsUsageWithoutRunningIt() {
		for (String[] command : List.of(new String[] { "audit", "jobs/hosts.txt", "--help" },
				new String[] { "restart", "-h" }, new String[] { "runs", "--help" }, new String[] { "report", "7", "-h" },
				new String[] { "prune", "--keep-runs=1", "--help" }, new String[] { "demo", "--help" })) {
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
	void usageDocumentsHowARunThatLostItsDatabaseIsResumed() {
		run("help");

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("cert-audit.database.resume-attempts",
				"(default: 3; 0 leaves it", "cert-audit.database.reconnect-timeout", "resume (default: 2m)");
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
	void usageDocumentsTheProbeFilesAndTheTrustOfContainers() {
		run("help");

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("cert-audit.remote.ready-file",
				"readiness probe (default: none)", "cert-audit.remote.alive-file", "while it runs, for a liveness probe",
				"cert-audit.trust.extra-pem", "(CERT_AUDIT_TRUST_EXTRA_PEM)");
	}

	@Test
	void usageSaysWhereRelativePathsAreReadAndThatUnknownSettingsAreRefused() {
		run("help");

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains(
				"are read\nfrom the directory you start cert-audit in", "an unknown\ncert-audit.* setting",
				"is refused with exit 64", "or cert-audit could not start\nor crashed");
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
	void missingInventoryFailsTheRunWithItsAbsoluteNameBeforeAnythingStarts() {
		assertThat(run("audit", "no/such/inventory.txt")).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEqualTo("cert-audit: inventory file not found or not readable: "
				+ Path.of("no/such/inventory.txt").toAbsolutePath() + "\n");
	}

	@Test
	void missingCertificateFolderFailsTheRunWithItsAbsoluteName() {
		assertThat(run("audit", "--certs=no/such/certs")).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEqualTo(
				"cert-audit: inventory file not found or not readable: " + Path.of("no/such/certs").toAbsolutePath() + "\n");
	}

	@Test
	void inventoryIsReadFromTheDirectoryTheCommandWasStartedIn(@TempDir Path caller) {
		this.cli = new CertAuditCli(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), caller);

		assertThat(run("audit", "myhosts.txt", "--domains=../domains.txt")).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.isEqualTo("cert-audit: inventory file not found or not readable: " + caller.resolve("myhosts.txt") + "\n");
	}

	@Test
	void misspeltSettingIsRefusedNamingTheSettingItWasMeantToBe() {
		assertThat(run("runs", "--spring.datasource.url=jdbc:h2:mem:cli-misspelt", "--cert-audit.mail.enable=true"))
			.isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.isEqualTo("cert-audit: unknown setting cert-audit.mail.enable; did you mean cert-audit.mail.enabled?\n");
	}

	@Test
	void unknownSettingLikeNoOtherIsRefused() {
		assertThat(run("runs", "--spring.datasource.url=jdbc:h2:mem:cli-unknown", "--cert-audit.foo=1"))
			.isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEqualTo(
				"cert-audit: unknown setting cert-audit.foo; 'cert-audit help' and README.md list the settings\n");
	}

	@Test
	void unknownSettingInASettingsFileIsRefusedNamingTheFileAndLine(@TempDir Path directory) throws IOException {
		Path settings = Files.writeString(directory.resolve("extra.yml"), "cert-audit:\n  fetch:\n    retrys: 1\n");

		assertThat(run("runs", "--spring.datasource.url=jdbc:h2:mem:cli-settings-file",
				"--spring.config.additional-location=file:" + settings))
			.isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith("cert-audit: unknown setting cert-audit.fetch.retrys (")
			.contains(settings.toString(), " line 3)")
			.endsWith("; did you mean cert-audit.fetch.retries?\n");
	}

	@Test
	void unknownSettingInSpringApplicationJsonIsRefused() {
		assertThat(run("runs", "--spring.datasource.url=jdbc:h2:mem:cli-json",
				"--spring.application.json={\"cert-audit\":{\"mail\":{\"enable\":true}}}"))
			.isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith("cert-audit: unknown setting cert-audit.mail.enable")
			.endsWith("did you mean cert-audit.mail.enabled?\n");
	}

	@Test
	void settingWrittenInAnotherFormSpringBootAcceptsIsKnown() {
		assertThat(run("runs", "--spring.datasource.url=jdbc:h2:mem:cli-relaxed", "--cert-audit.fetch.retryBackoff=1s",
				"--cert-audit.mail.to[0]=ops@example.test"))
			.isZero();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void valueASettingCannotTakeIsRefusedInOneLineSayingWhatItTakes() {
		List<List<String>> refusals = List.of(
				List.of("--cert-audit.fetch.retries=abc", "cert-audit.fetch.retries: 'abc' is not a whole number from 0 to 20"),
				List.of("--cert-audit.fetch.retries=-1", "cert-audit.fetch.retries: '-1' is not a whole number from 0 to 20"),
				List.of("--cert-audit.thresholds.critical-days=-5",
						"cert-audit.thresholds.critical-days: '-5' is not a whole number of 0 or more"),
				List.of("--cert-audit.inventory.on-bad-line=ignore",
						"cert-audit.inventory.on-bad-line: 'ignore' is not one of fail, skip"),
				List.of("--cert-audit.fetch.connect-timeout=soon",
						"cert-audit.fetch.connect-timeout: 'soon' is not a duration such as 500ms, 10s, 5m or 1h"),
				List.of("--cert-audit.reports.formats=xlsx,docx",
						"cert-audit.reports.formats: 'xlsx,docx' is not a comma-separated list of xlsx, pdf, csv, json, ics"),
				List.of("--cert-audit.mail.enabled=yes please", "cert-audit.mail.enabled: 'yes please' is not true or false"),
				List.of("--cert-audit.trust.max-intermediates=0", "cert-audit.trust.max-intermediates must be at least 1, got 0"),
				List.of("--cert-audit.thresholds.warning-days=5",
						"cert-audit.thresholds.warning-days (5) must be at least cert-audit.thresholds.critical-days (7)"));
		for (List<String> refusal : refusals) {
			this.err.reset();

			assertThat(run("runs", "--spring.datasource.url=jdbc:h2:mem:cli-values", refusal.get(0))).as(refusal.get(0))
				.isEqualTo(ExitCodes.USAGE);
			assertThat(this.err.toString(StandardCharsets.UTF_8)).isEqualTo("cert-audit: " + refusal.get(1) + "\n");
		}
	}

	@Test
	void springSettingSpringBootCannotBindIsRefusedInOneLine() {
		assertThat(run("runs", "--spring.datasource.url=jdbc:h2:mem:cli-spring-value",
				"--spring.datasource.hikari.maximum-pool-size=many"))
			.isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith(
				"cert-audit: spring.datasource.hikari.maximum-pool-size: 'many' is refused").hasLineCount(1);
	}

	@Test
	void runsTakesNoArguments() {
		assertThat(run("runs", "foo")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("runs takes no arguments, got foo");
	}

	@Test
	void demoTakesNoArguments() {
		assertThat(run("demo", "jobs/sample-hosts.txt")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("demo takes no arguments, got jobs/sample-hosts.txt");
	}

	@Test
	void countsReadAsWordsWithTheirPlurals() {
		assertThat(CertAuditCli.counts(Map.of(Status.ERROR, 8L, Status.NOT_YET_VALID, 1L, Status.WARNING, 1L, Status.OK, 2L)))
			.isEqualTo("8 errors, 1 not yet valid, 1 warning, 2 ok");
		assertThat(CertAuditCli.counts(Map.of(Status.ERROR, 1L, Status.EXPIRED, 3L, Status.CRITICAL, 2L, Status.WARNING, 2L)))
			.isEqualTo("1 error, 3 expired, 2 critical, 2 warnings");
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
	void helpListsPruneAndWhatItAlwaysKeeps() {
		run("help");

		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("prune ", "--keep-runs=N", "--keep-days=N",
				"--dry-run", "newest run, the latest completed one");
	}

	@Test
	void pruneNeedsToBeToldWhichRunsToKeep() {
		assertThat(run("prune")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.startsWith("cert-audit: prune needs --keep-runs=N, --keep-days=N or both");
	}

	@Test
	void pruneRefusesToKeepNoRunsOrNoDays() {
		assertThat(run("prune", "--keep-runs=0")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.startsWith("cert-audit: --keep-runs needs a number of runs from 1, got 0\n");
		this.err.reset();
		assertThat(run("prune", "--keep-runs=3", "--keep-days=-1")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.startsWith("cert-audit: --keep-days needs a number of days from 1, got -1\n");
		this.err.reset();
		assertThat(run("prune", "--keep-days=a week")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith("cert-audit: --keep-days needs a number, got 'a week'\n");
	}

	@Test
	void pruneTakesNoArgumentsAndOnlyItsOptions() {
		assertThat(run("prune", "--keep-runs=3", "7")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("prune takes no arguments, got 7");
		this.err.reset();
		assertThat(run("prune", "--keep-runs=3", "--force")).isEqualTo(ExitCodes.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("unknown option --force for 'prune'");
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
