package dev.certaudit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The verbs that work on the database, each in a Spring context of its own as the command starts it. */
class CertAuditCliRunTest {

	@RegisterExtension
	static final GreenMailExtension SMTP = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

	@TempDir
	Path directory;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void auditThenRunsThenReportAgainAfterTheFilesWereDeleted() throws Exception {
		try (Socket closed = new Socket()) {
			// bound but not listening: connections to it are refused
			closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Path inventory = this.directory.resolve("hosts.txt");
			Files.writeString(inventory, "closed.example.test:" + closed.getLocalPort() + " address=127.0.0.1\n");

			assertThat(run("audit", inventory.toString(), "--cert-audit.fetch.retries=0")).isEqualTo(ExitCodes.CRITICAL);
			assertThat(stdout()).endsWith("cert-audit run 1 completed: 1 error; reports in " + reports(1)
					+ "; mail not sent: disabled (exit 2)\n");

			assertThat(run("runs")).isZero();
			assertThat(stdout()).startsWith("RUN    STARTED             ENDED               STATUS     EXIT INVENTORIES")
				.contains(" COMPLETED  2    hosts:" + inventory)
				.endsWith(" 1 error\n");

			List<String> written = fileNames(reports(1));
			String name = "cert-audit-" + LocalDate.now(ZoneOffset.UTC);
			assertThat(written).containsExactly(name + "-endpoints.csv", name + "-findings.csv", name + ".json",
					name + ".pdf", name + ".xlsx");
			FileSystemUtils.deleteRecursively(reports(1));
			assertThat(run("report")).isZero();
			assertThat(stdout()).isEqualTo("cert-audit run 1 reports written again to " + reports(1) + ": 1 error\n");
			assertThat(fileNames(reports(1))).isEqualTo(written);

			assertThat(run("report", "2")).isEqualTo(ExitCodes.RUN_FAILED);
			assertThat(this.err.toString(StandardCharsets.UTF_8)).isEqualTo("cert-audit: There is no run 2\n");
		}
	}

	@Test
	void summaryLineSaysWhetherTheMailWentOutAndIfNotWhy() throws Exception {
		try (Socket closed = new Socket()) {
			closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Path inventory = this.directory.resolve("hosts.txt");
			Files.writeString(inventory, "closed.example.test:" + closed.getLocalPort() + " address=127.0.0.1\n");
			String[] mail = { "--cert-audit.fetch.retries=0", "--cert-audit.mail.enabled=true",
					"--cert-audit.mail.from=cert-audit@example.test",
					"--cert-audit.mail.to=ops@example.test,sec@example.test", "--spring.mail.host=127.0.0.1" };

			assertThat(run(with(mail, "audit", inventory.toString(), "--spring.mail.port=" + SMTP.getSmtp().getPort())))
				.isEqualTo(ExitCodes.CRITICAL);
			assertThat(stdout()).endsWith("; mail sent to 2 recipients (exit 2)\n");

			assertThat(run(with(mail, "audit", inventory.toString(), "--new", "--spring.mail.port=" + closed.getLocalPort())))
				.isEqualTo(ExitCodes.CRITICAL);
			assertThat(stdout()).containsPattern("cert-audit run 2 completed: 1 error; reports in .*; mail failed: .*"
					+ closed.getLocalPort() + ".*Connection refused.* \\(exit 2\\)\n$");
		}
	}

	@Test
	void runsGivesTheHistoryToOtherToolsNewestFirst() throws Exception {
		try (Socket closed = new Socket()) {
			closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Path inventory = this.directory.resolve("hosts.txt");
			Files.writeString(inventory, "closed.example.test:" + closed.getLocalPort() + " address=127.0.0.1\n");
			run("audit", inventory.toString(), "--cert-audit.fetch.retries=0");
			run("audit", inventory.toString(), "--new", "--cert-audit.fetch.retries=0");

			assertThat(run("runs", "--format=csv")).isZero();
			assertThat(stdout().split("\r\n")).containsExactly(
					"run,started,ended,status,exit_code,inventories,endpoints,need_action,expiring_within_warning_days,"
							+ "error,expired,not_yet_valid,critical,warning,ok",
					stdout().split("\r\n")[1], stdout().split("\r\n")[2]);
			assertThat(stdout().split("\r\n")[1]).startsWith("2,").endsWith(",COMPLETED,2,hosts:" + inventory
					+ ",1,1,0,1,0,0,0,0,0");
			assertThat(stdout().split("\r\n")[2]).startsWith("1,");

			assertThat(run("runs", "--format=json", "--limit=1")).isZero();
			JsonNode runs = JsonMapper.builder().build().readTree(stdout());
			assertThat(runs).hasSize(1);
			assertThat(runs.get(0).get("run").asLong()).isEqualTo(2);
			assertThat(runs.get(0).get("exitCode").asInt()).isEqualTo(ExitCodes.CRITICAL);
			assertThat(runs.get(0).get("needAction").asLong()).isOne();
			assertThat(runs.get(0).get("counts").get("error").asLong()).isOne();
			assertThat(runs.get(0).get("inventories").get(0).asString()).isEqualTo("hosts:" + inventory);

			assertThat(run("runs", "--format=xml")).isEqualTo(ExitCodes.USAGE);
		}
	}

	@Test
	void pruneDryRunListsTheRunsPruneThenDeletesLeavingTheirReports() throws Exception {
		try (Socket closed = new Socket()) {
			closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Path inventory = this.directory.resolve("hosts.txt");
			Files.writeString(inventory, "closed.example.test:" + closed.getLocalPort() + " address=127.0.0.1\n");
			run("audit", inventory.toString(), "--cert-audit.fetch.retries=0");
			run("audit", inventory.toString(), "--new", "--cert-audit.fetch.retries=0");
			String pruned = "RUN    STARTED             STATUS     INVENTORIES\n"
					+ "1      \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d COMPLETED  hosts:" + inventory + "\n";

			assertThat(run("prune", "--keep-runs=1", "--dry-run")).isZero();
			assertThat(stdout()).matches(pruned
					+ "cert-audit prune: 1 run would be pruned, 1 kept; nothing was deleted \\(--dry-run\\)\n");

			assertThat(run("prune", "--keep-runs=1")).isZero();
			assertThat(stdout()).matches(pruned + "cert-audit prune: 1 run pruned, 1 kept\n");

			assertThat(run("runs", "--format=csv")).isZero();
			assertThat(stdout().split("\r\n")).hasSize(2);
			assertThat(stdout().split("\r\n")[1]).startsWith("2,");
			assertThat(fileNames(reports(1))).hasSize(5);
		}
	}

	@Test
	void databaseAndReportsAreForTheOwnerAndItsGroupOnly() throws Exception {
		try (Socket closed = new Socket()) {
			closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Path inventory = Files.writeString(this.directory.resolve("hosts.txt"),
					"closed.example.test:" + closed.getLocalPort() + " address=127.0.0.1\n");

			assertThat(run("audit", inventory.toString(), "--cert-audit.fetch.retries=0")).isEqualTo(ExitCodes.CRITICAL);
		}

		Set<PosixFilePermission> folder = allowed("rwxr-x---");
		assertThat(Files.getPosixFilePermissions(this.directory.resolve("data"))).isEqualTo(folder);
		assertThat(Files.getPosixFilePermissions(this.directory.resolve("reports"))).isEqualTo(folder);
		assertThat(Files.getPosixFilePermissions(reports(1))).isEqualTo(folder);
		assertThat(fileNames(reports(1))).hasSize(5)
			.allSatisfy((name) -> assertThat(Files.getPosixFilePermissions(reports(1).resolve(name))).as(name)
				.isEqualTo(allowed("rw-r-----")));
	}

	@Test
	void inventorySavedInWindows1252IsRefusedNamingLineAndByteBeforeARunIsCreated() throws Exception {
		Path inventory = Files.write(this.directory.resolve("hosts.txt"),
				"www.example.test\nmail.example.test\nvpn.example.test owner=M\u00fcller\n"
					.getBytes(Charset.forName("windows-1252")));

		assertThat(run("audit", inventory.toString())).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(stderr()).isEqualTo("cert-audit: " + inventory + ":3: byte 0xFC is not UTF-8; save the file as UTF-8\n");

		assertThat(run("runs")).isZero();
		assertThat(stdout()).startsWith("No runs yet.\n");
	}

	@Test
	void megabyteHostTokenIsEchoedInTwoHundredCharactersAndNulNever() throws Exception {
		Path inventory = Files.writeString(this.directory.resolve("hosts.txt"),
				"www.example.test\n" + "\u001b[2J" + "a".repeat(1_000_000) + ".test\n");

		assertThat(run("audit", inventory.toString())).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(stderr()).startsWith("cert-audit run 1 failed: " + inventory + ":2: '\\x1B[2J" + "a".repeat(196)
				+ "…' (1000009 characters) is not a valid host name\n")
			.hasSizeLessThan(1000);

		Files.writeString(inventory, "www.example.test\nbad\0host.test\n");
		assertThat(run("audit", "--new", inventory.toString())).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(stderr()).isEqualTo("cert-audit: " + inventory + ":2: byte 0x00 (NUL): this is not a text file, or"
				+ " it is UTF-16 without a byte order mark; save the file as UTF-8\n");
	}

	@Test
	void runWhoseEveryEndpointFailedSaysWhatToCheckAndCountsInThePlural() throws Exception {
		try (Socket first = new Socket(); Socket second = new Socket()) {
			first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			second.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Path inventory = Files.writeString(this.directory.resolve("hosts.txt"),
					"one.example.test:" + first.getLocalPort() + " address=127.0.0.1\n" + "two.example.test:"
							+ second.getLocalPort() + " address=127.0.0.1\n");

			assertThat(run("audit", inventory.toString(), "--cert-audit.fetch.retries=0")).isEqualTo(ExitCodes.CRITICAL);
			assertThat(stdout()).isEqualTo("None of the 2 endpoints could be fetched: check this machine's network and DNS"
					+ " (cert-audit.dns.servers), and that " + inventory + " is the right inventory for this network;"
					+ " each endpoint's reason is in the reports\n"
					+ "cert-audit run 1 completed: 2 errors; reports in " + reports(1) + "; mail not sent: disabled (exit 2)\n");
		}
	}

	/**
	 * The launcher runs cert-audit in its checkout and says where the operator stood: what the operator
	 * types is read from there, and the summary names the absolute folder.
	 */
	@Test
	void pathsTheOperatorTypesAreReadFromTheDirectoryTheCommandWasStartedIn() throws Exception {
		Path caller = Files.createDirectories(this.directory.resolve("operator"));
		try (Socket closed = new Socket()) {
			closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Files.writeString(caller.resolve("myhosts.txt"), "closed.example.test:" + closed.getLocalPort() + " address=127.0.0.1\n");
			CertAuditCli cli = new CertAuditCli(new PrintStream(this.out, true, StandardCharsets.UTF_8),
					new PrintStream(this.err, true, StandardCharsets.UTF_8), caller);

			assertThat(cli.execute(new String[] { "audit", "myhosts.txt", "--cert-audit.reports-dir=out",
					"--cert-audit.fetch.retries=0",
					"--spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("data/cert-audit") }))
				.as(this.err.toString(StandardCharsets.UTF_8))
				.isEqualTo(ExitCodes.CRITICAL);
			assertThat(stdout()).endsWith("cert-audit run 1 completed: 1 error; reports in " + caller.resolve("out/1")
					+ "; mail not sent: disabled (exit 2)\n");
			assertThat(caller.resolve("out/1")).isDirectory();
		}
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		String[] withDatabase = new String[args.length + 2];
		System.arraycopy(args, 0, withDatabase, 0, args.length);
		withDatabase[args.length] = "--spring.datasource.url=jdbc:h2:file:" + this.directory.resolve("data/cert-audit");
		withDatabase[args.length + 1] = "--cert-audit.reports-dir=" + this.directory.resolve("reports");
		return new CertAuditCli(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8))
			.execute(withDatabase);
	}

	private static String[] with(String[] options, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of(options));
		return all.toArray(String[]::new);
	}

	private static List<String> fileNames(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	/** What the process's umask leaves of the permissions asked for (all of them under the usual 022). */
	private Set<PosixFilePermission> allowed(String asked) throws IOException {
		Path probe = Files.createDirectory(this.directory.resolve("umask-probe-" + asked),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
		Set<PosixFilePermission> allowed = EnumSet.copyOf(PosixFilePermissions.fromString(asked));
		allowed.retainAll(Files.getPosixFilePermissions(probe));
		Files.delete(probe);
		return allowed;
	}

	private String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private Path reports(long runId) {
		return this.directory.resolve("reports").resolve(String.valueOf(runId));
	}

}
