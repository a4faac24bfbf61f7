package dev.certaudit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private Path reports(long runId) {
		return this.directory.resolve("reports").resolve(String.valueOf(runId));
	}

}
