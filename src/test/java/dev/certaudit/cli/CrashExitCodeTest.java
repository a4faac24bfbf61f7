package dev.certaudit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.CertAuditApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The real main in a JVM of its own, as the launcher starts it: a failure that is not a judged run
 * exits 3, never the JVM's 1 ("warnings only", which the systemd unit counts as success), and says in
 * one line on stderr what failed and what to do, without a stack trace (H2 prints some of its own).
 */
class CrashExitCodeTest {

	@TempDir
	Path directory;

	@Test
	void databaseFolderThatIsAFileExitsThreeInOneLine() throws Exception {
		Path file = Files.writeString(this.directory.resolve("data"), "a file where the database folder must be");

		Result result = main("runs", "--spring.datasource.url=jdbc:h2:file:" + file.resolve("cert-audit"));

		assertThat(result.code()).as(result.stderr()).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(result.stderr()).isEqualTo("cert-audit: cannot start: the database folder " + file
				+ " is a file, not a folder: move it away, or set CERT_AUDIT_DB_URL to a database elsewhere\n");
	}

	@Test
	void databaseFolderTheUserCannotWriteExitsThreeNamingFolderAndUser() throws Exception {
		Path folder = Files.createDirectories(this.directory.resolve("data"));
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
		assumeFalse(Files.isWritable(folder), "root writes any folder");

		Result result = main("runs", "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("cert-audit"));

		assertThat(result.code()).as(result.stderr()).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(result.stderr()).startsWith("cert-audit: cannot start: user " + System.getProperty("user.name")
				+ " cannot write the database folder " + folder)
			.hasLineCount(1);
	}

	/** The crash: a database the run cannot write fails at its first INSERT, after Spring started. */
	@Test
	void databaseReadOnlyInTheMiddleOfARunExitsThreeInOneLine() throws Exception {
		Path inventory = Files.writeString(this.directory.resolve("hosts.txt"), "closed.example.test:9 address=127.0.0.1\n");
		String database = "jdbc:h2:file:" + this.directory.resolve("data/cert-audit");
		ByteArrayOutputStream created = new ByteArrayOutputStream();
		assertThat(new CertAuditCli(new PrintStream(created, true, StandardCharsets.UTF_8),
				new PrintStream(created, true, StandardCharsets.UTF_8))
			.execute(new String[] { "runs", "--spring.datasource.url=" + database })).as(created.toString(StandardCharsets.UTF_8))
			.isZero();

		// read only as H2 opens a database whose files the user cannot write; root, who can, is made to
		Result result = main("audit", inventory.toString(), "--spring.datasource.url=" + database + ";ACCESS_MODE_DATA=r",
				"--cert-audit.reports-dir=" + this.directory.resolve("reports"));

		assertThat(result.code()).as(result.stderr()).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(result.stderr()).isEqualTo("cert-audit: the database " + this.directory.resolve("data/cert-audit.mv.db")
				+ " is read only to user " + System.getProperty("user.name") + ", owned by "
				+ Files.getOwner(this.directory.resolve("data/cert-audit.mv.db")).getName()
				+ ": run cert-audit as its owner, or give " + System.getProperty("user.name")
				+ " the folder and its files (chown -R " + System.getProperty("user.name") + " "
				+ this.directory.resolve("data") + ")\n");
	}

	private Result main(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", CertAuditApplication.class.getName()));
		command.addAll(List.of(arguments));
		Path stdout = this.directory.resolve("stdout.txt");
		Path stderr = this.directory.resolve("stderr.txt");
		Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
		try {
			assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("cert-audit ended").isTrue();
		}
		finally {
			process.destroyForcibly();
		}
		return new Result(process.exitValue(), Files.readString(stderr));
	}

	private record Result(int code, String stderr) {
	}

}
