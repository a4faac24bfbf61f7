package dev.certaudit.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateFileReaderTest {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=File Test Root");

	private static final IssuedCertificate INTERMEDIATE = CertificateGenerator.intermediate("CN=File Test CA", ROOT);

	private static final IssuedCertificate LEAF = CertificateGenerator.server("files.example.test", INTERMEDIATE, 90);

	@TempDir
	Path directory;

	private final CertificateFileReader reader = new CertificateFileReader("s3cret pass");

	@Test
	void pemBundleWithItsKeyPutsTheKeysCertificateFirst() {
		Path file = CertificateFileWriter.write(this.directory.resolve("bundle.pem"),
				CertificateFileWriter.pem(ROOT.certificate(), INTERMEDIATE.certificate(), LEAF.certificate())
						+ CertificateFileWriter.pkcs8(LEAF.keyPair().getPrivate()));

		ProbeResult result = this.reader.read(file);

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.detail()).isNull();
		assertThat(result.address()).isNull();
		assertThat(result.keyMatches()).isTrue();
		assertThat(result.chain()).containsExactly(LEAF.certificate(), ROOT.certificate(),
				INTERMEDIATE.certificate());
		assertThat(Pem.join(result.chain())).doesNotContain("PRIVATE KEY")
			.doesNotContain(base64(LEAF.keyPair().getPrivate().getEncoded()));
	}

	@Test
	void traditionalEcKeyOfTheLeafMatches() {
		String key = CertificateFileWriter.traditional(LEAF.keyPair().getPrivate());
		assertThat(key).startsWith("-----BEGIN EC PRIVATE KEY-----");
		Path file = CertificateFileWriter.write(this.directory.resolve("server.pem"),
				key + CertificateFileWriter.pem(LEAF.certificate(), INTERMEDIATE.certificate()));

		ProbeResult result = this.reader.read(file);

		assertThat(result.keyMatches()).isTrue();
		assertThat(result.chain()).first().isEqualTo(LEAF.certificate());
	}

	@Test
	void rsaKeyOfAnotherCertificateIsAMismatch() {
		IssuedCertificate rsaLeaf = CertificateGenerator.certificate("CN=rsa.example.test")
			.issuedBy(INTERMEDIATE)
			.dnsNames("rsa.example.test")
			.keyPair(CertificateGenerator.rsaKeyPair(2048))
			.build();
		String otherKey = CertificateFileWriter.traditional(CertificateGenerator.rsaKeyPair(2048).getPrivate());
		assertThat(otherKey).startsWith("-----BEGIN RSA PRIVATE KEY-----");
		Path file = CertificateFileWriter.write(this.directory.resolve("mismatch.pem"),
				CertificateFileWriter.pem(rsaLeaf.certificate()) + otherKey);

		ProbeResult result = this.reader.read(file);

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.keyMatches()).isFalse();
		assertThat(result.chain()).containsExactly(rsaLeaf.certificate());
	}

	@Test
	void rsaKeyOfTheLeafMatches() {
		IssuedCertificate rsaLeaf = CertificateGenerator.certificate("CN=rsa.example.test")
			.issuedBy(INTERMEDIATE)
			.dnsNames("rsa.example.test")
			.keyPair(CertificateGenerator.rsaKeyPair(2048))
			.build();
		Path file = CertificateFileWriter.write(this.directory.resolve("rsa.pem"),
				CertificateFileWriter.pem(INTERMEDIATE.certificate(), rsaLeaf.certificate())
						+ CertificateFileWriter.traditional(rsaLeaf.keyPair().getPrivate()));

		ProbeResult result = this.reader.read(file);

		assertThat(result.keyMatches()).isTrue();
		assertThat(result.chain()).first().isEqualTo(rsaLeaf.certificate());
	}

	@Test
	void ecKeyOfAnotherCertificateIsAMismatch() {
		Path file = CertificateFileWriter.write(this.directory.resolve("mismatch.crt"),
				CertificateFileWriter.pem(LEAF.certificate())
						+ CertificateFileWriter.pkcs8(CertificateGenerator.ecKeyPair().getPrivate()));

		assertThat(this.reader.read(file).keyMatches()).isFalse();
	}

	@Test
	void caFirstBundleWithoutKeyPutsTheEndEntityFirst() {
		Path file = CertificateFileWriter.write(this.directory.resolve("chain.crt"),
				CertificateFileWriter.pem(INTERMEDIATE.certificate(), LEAF.certificate()));

		ProbeResult result = this.reader.read(file);

		assertThat(result.keyMatches()).isNull();
		assertThat(result.chain()).containsExactly(LEAF.certificate(),
				INTERMEDIATE.certificate());
	}

	@Test
	void derCertificateIsRead() throws Exception {
		Path file = Files.write(this.directory.resolve("leaf.der"), LEAF.certificate().getEncoded());

		ProbeResult result = this.reader.read(file);

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.keyMatches()).isNull();
		assertThat(result.chain()).containsExactly(LEAF.certificate());
	}

	@Test
	void pkcs12IsOpenedWithTheConfiguredPassword() {
		Path file = CertificateFileWriter.pkcs12(this.directory.resolve("server.pfx"), "s3cret pass",
				LEAF.keyPair().getPrivate(), LEAF.certificate(), INTERMEDIATE.certificate());

		ProbeResult result = this.reader.read(file);

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.keyMatches()).isTrue();
		assertThat(result.chain()).containsExactly(LEAF.certificate(),
				INTERMEDIATE.certificate());
	}

	@Test
	void pkcs12WithAnotherPasswordIsUnreadable() {
		Path file = CertificateFileWriter.pkcs12(this.directory.resolve("server.p12"), "another password",
				LEAF.keyPair().getPrivate(), LEAF.certificate());

		ProbeResult result = this.reader.read(file);

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FILE_UNREADABLE);
		assertThat(result.detail()).startsWith("wrong password or damaged PKCS#12 file");
		assertThat(result.chain()).isEmpty();
		assertThat(result.keyMatches()).isNull();
	}

	@Test
	void pkcs12WithoutAConfiguredPasswordSaysSo() {
		Path file = CertificateFileWriter.pkcs12(this.directory.resolve("server.p12"), "s3cret pass",
				LEAF.keyPair().getPrivate(), LEAF.certificate());

		ProbeResult result = new CertificateFileReader(null).read(file);

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FILE_UNREADABLE);
		assertThat(result.detail()).contains("no password configured");
	}

	@Test
	void garbageIsUnreadable() throws Exception {
		Path file = Files.write(this.directory.resolve("garbage.crt"), new byte[] { 0x30, 0x03, 0x02, 0x01, 0x07, 0x42 });

		ProbeResult result = this.reader.read(file);

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FILE_UNREADABLE);
		assertThat(result.detail()).isNotBlank();
	}

	@Test
	void damagedPemIsUnreadable() {
		Path file = CertificateFileWriter.write(this.directory.resolve("damaged.pem"),
				"-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");

		assertThat(this.reader.read(file).outcome()).isEqualTo(ProbeOutcome.FILE_UNREADABLE);
	}

	@Test
	void keyWithoutCertificateIsUnreadable() {
		Path file = CertificateFileWriter.write(this.directory.resolve("key.pem"),
				CertificateFileWriter.pkcs8(LEAF.keyPair().getPrivate()));

		ProbeResult result = this.reader.read(file);

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FILE_UNREADABLE);
		assertThat(result.detail()).isEqualTo("no certificate in the file");
	}

	@Test
	void missingFileIsUnreadable() {
		assertThat(this.reader.read(this.directory.resolve("gone.pem")).outcome())
			.isEqualTo(ProbeOutcome.FILE_UNREADABLE);
	}

	private static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}

}
