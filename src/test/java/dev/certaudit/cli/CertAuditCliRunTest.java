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
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/** The verbs that work on the database, each in a Spring context of its own as the command starts it. */
class CertAuditCliRunTest {

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
			assertThat(stdout()).endsWith("cert-audit run 1 completed: 1 error; reports in " + reports(1) + " (exit 2)\n");

			assertThat(run("runs")).isZero();
			assertThat(stdout()).startsWith("RUN    STARTED             ENDED               STATUS     COUNTS\n1      ")
				.contains(" COMPLETED  1 error\n");

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
					+ "cert-audit run 1 completed: 2 errors; reports in " + reports(1) + " (exit 2)\n");
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
			assertThat(stdout()).endsWith("cert-audit run 1 completed: 1 error; reports in " + caller.resolve("out/1") + " (exit 2)\n");
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
