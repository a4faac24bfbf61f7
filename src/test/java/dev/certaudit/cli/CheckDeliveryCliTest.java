package dev.certaudit.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.CertificateFileWriter;
import dev.certaudit.probe.Pem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check-delivery} on the command line: its arguments, and the exit code of its verdict; and the
 * re-audit of the places of a certificate, which takes no inventories of its own.
 */
class CheckDeliveryCliTest {

	@TempDir
	Path directory;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void deliveryCheckedBeforeAnyAuditIsJudgedOnItsOwn() throws Exception {
		IssuedCertificate root = CertificateGenerator.root("CN=Cli Root");
		IssuedCertificate ca = CertificateGenerator.intermediate("CN=Cli CA", root);
		IssuedCertificate leaf = CertificateGenerator.server("www.cli.test", ca, 100);
		Path trust = Files.writeString(this.directory.resolve("root.pem"), Pem.encode(root.certificate()));
		Path delivery = Files.createDirectories(this.directory.resolve("delivery"));
		Files.writeString(delivery.resolve("fullchain.pem"), CertificateFileWriter.pem(leaf.certificate(), ca.certificate()));

		assertThat(run("check-delivery", delivery.toString(), "--cert-audit.trust.extra-store=" + trust))
			.isEqualTo(ExitCodes.OK);
		assertThat(stdout()).endsWith("\nready: there is no completed run to find the places of the certificate it replaces\n")
			.contains("note: no private key was delivered");
		assertThat(run("check-delivery", delivery.toString())).as("the CLI's root is not trusted without the extra store")
			.isEqualTo(ExitCodes.CRITICAL);
		assertThat(stdout()).contains("\nnot ready: the chain ends at CN=Cli CA, whose issuer CN=Cli Root is neither"
				+ " delivered nor trusted");
	}

	@Test
	void commandLineMistakes() {
		assertThat(run("check-delivery")).isEqualTo(ExitCodes.USAGE);
		assertThat(run("check-delivery", "a.zip", "b.zip")).isEqualTo(ExitCodes.USAGE);
		assertThat(run("check-delivery", "a.zip", "--force")).isEqualTo(ExitCodes.USAGE);
		assertThat(run("audit", "hosts.txt", "--only-places-of=" + "ab".repeat(32))).isEqualTo(ExitCodes.USAGE);
		assertThat(run("check-delivery", this.directory.resolve("missing.zip").toString())).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith("cert-audit: delivery not found: ");
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

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

}
