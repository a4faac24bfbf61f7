package dev.certaudit.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.analysis.ChainValidator;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.CertificateFileWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Reading a delivery by what its files hold, whatever they are called and however they are packed. */
class DeliveryReaderTest {

	private static final String PASSWORD = "delivery password 7";

	private static final Deliveries DELIVERIES = new Deliveries();

	private static final IssuedCertificate RENEWED = DELIVERIES.certificate("www.renewal.test", "owa.renewal.test");

	private final ChainValidator validator = new ChainValidator(TrustAnchors.of(Set.of(DELIVERIES.root.certificate())));

	@TempDir
	Path directory;

	@Test
	void keyAndCertificateInSeparateFilesOfAZipArePairedWhateverTheirNamesAndOrder() throws Exception {
		Map<String, byte[]> entries = DELIVERIES.portalDownload(RENEWED, RENEWED.keyPair().getPrivate());
		for (long seed = 1; seed <= 3; seed++) {
			Path zip = Deliveries.zip(this.directory.resolve("renewal-" + seed + ".zip"), entries, seed);

			DeliveredChain chain = assemble(zip);

			assertThat(chain.leaf()).isEqualTo(RENEWED.certificate());
			assertThat(chain.keyMatches()).isTrue();
			assertThat(chain.keyFiles()).containsExactly(zip.getFileName() + ": private/KEY_final_v2.txt");
			assertThat(chain.installed()).containsExactly(RENEWED.certificate(), DELIVERIES.intermediate.certificate());
			assertThat(chain.root()).isNull();
			assertThat(chain.validation().trusted()).isTrue();
			assertThat(chain.holdings(null)).containsExactly(
					Map.entry(zip.getFileName() + ": README.txt", List.of("left aside: not a certificate or key file")),
					Map.entry(zip.getFileName() + ": Your Certificate/Intermediate.ca-bundle",
							List.of("intermediate CN=Renewal Test CA")),
					Map.entry(zip.getFileName() + ": Your Certificate/ServerCertificate (1).crt",
							List.of("the certificate CN=www.renewal.test")),
					Map.entry(zip.getFileName() + ": private/KEY_final_v2.txt",
							List.of("the private key of the certificate")));
		}
	}

	@Test
	void pfxIsOpenedWithThePasswordFromTheEnvironmentAndWithoutItIsUnreadable() throws Exception {
		Path pfx = CertificateFileWriter.pkcs12(this.directory.resolve("www.pfx"), PASSWORD,
				RENEWED.keyPair().getPrivate(), RENEWED.certificate(), DELIVERIES.intermediate.certificate(),
				DELIVERIES.root.certificate());

		DeliveredChain chain = assemble(pfx);
		assertThat(chain.keyMatches()).isTrue();
		assertThat(chain.installed()).containsExactly(RENEWED.certificate(), DELIVERIES.intermediate.certificate());
		assertThat(chain.root()).isEqualTo(DELIVERIES.root.certificate());

		Delivery withoutPassword = new DeliveryReader(new DeliveredFileParser(null)).read(pfx);
		assertThat(withoutPassword.unreadable()).singleElement()
			.extracting(DeliveredFile::unreadable)
			.isEqualTo("a PKCS#12 file that needs a password: set CERT_AUDIT_CERT_FILES_PASSWORD");
		Delivery wrongPassword = new DeliveryReader(new DeliveredFileParser("not it")).read(pfx);
		assertThat(wrongPassword.unreadable()).singleElement()
			.extracting(DeliveredFile::unreadable)
			.asString()
			.startsWith("a PKCS#12 file that the password in CERT_AUDIT_CERT_FILES_PASSWORD does not open");
	}

	@Test
	void pkcs7BundleEncryptedPkcs8KeyAndDerCertificateInAFolder() throws Exception {
		Path folder = Files.createDirectories(this.directory.resolve("delivery/sub"));
		CMSSignedDataGenerator bundle = new CMSSignedDataGenerator();
		bundle.addCertificates(new JcaCertStore(List.of(DELIVERIES.intermediate.certificate(), DELIVERIES.root.certificate())));
		StringWriter pkcs7 = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(pkcs7)) {
			writer.writeObject(bundle.generate(new CMSProcessableByteArray(new byte[0])).toASN1Structure());
		}
		Files.writeString(folder.resolve("chain.p7b"), pkcs7.toString());
		Files.write(folder.getParent().resolve("cert.cer"), Deliveries.der(RENEWED));
		Files.writeString(folder.getParent().resolve("server.key"), encryptedPkcs8(RENEWED.keyPair()));

		DeliveredChain chain = assemble(folder.getParent());

		assertThat(chain.keyMatches()).isTrue();
		assertThat(chain.keyFiles()).containsExactly("server.key");
		assertThat(chain.installed()).containsExactly(RENEWED.certificate(), DELIVERIES.intermediate.certificate());
		assertThat(chain.holdings(null)).containsEntry("sub/chain.p7b", List.of("intermediate CN=Renewal Test CA",
				"root CN=Renewal Test Root, not installed: clients use their own copy"));
	}

	@Test
	void keyOfAnotherRequestIsNamedAsSuch() throws Exception {
		KeyPair other = CertificateGenerator.ecKeyPair();
		Map<String, byte[]> entries = DELIVERIES.portalDownload(RENEWED, other.getPrivate());

		DeliveredChain chain = assemble(Deliveries.zip(this.directory.resolve("renewal.zip"), entries, 1));

		assertThat(chain.keyDelivered()).isTrue();
		assertThat(chain.keyMatches()).isFalse();
		assertThat(chain.leaf()).isEqualTo(RENEWED.certificate());
		assertThat(chain.holdings(null)).containsEntry("renewal.zip: private/KEY_final_v2.txt",
				List.of("a private key, not the certificate's: the key of another certificate request"));
	}

	@Test
	void zipThatUnpacksFarBeyondAnyDeliveryIsReadNoFurther() throws Exception {
		// one entry of 16 MiB of zeros: read to its first MiB and left aside, never unpacked whole
		Path bomb = this.directory.resolve("bomb.zip");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
			zip.putNextEntry(new ZipEntry("instructions.pdf"));
			zeros(zip, 16 * 1024 * 1024);
			zip.putNextEntry(new ZipEntry("cert.pem"));
			zip.write(Deliveries.text(CertificateFileWriter.pem(RENEWED.certificate())));
		}
		Delivery delivery = new DeliveryReader(new DeliveredFileParser(null)).read(bomb);
		assertThat(delivery.files()).extracting(DeliveredFile::name, DeliveredFile::ignored)
			.containsExactly(tuple("bomb.zip: cert.pem", null),
					tuple("bomb.zip: instructions.pdf",
							"not a certificate or key file"));

		// many entries of a MiB each: more than a delivery may unpack to in all
		Path many = this.directory.resolve("many.zip");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(many))) {
			zip.setLevel(Deflater.BEST_SPEED);
			for (int entry = 0; entry < 40; entry++) {
				zip.putNextEntry(new ZipEntry("part" + entry + ".txt"));
				zeros(zip, DeliveryReader.MAX_FILE_BYTES);
			}
		}
		assertThatThrownBy(() -> new DeliveryReader(new DeliveredFileParser(null)).read(many))
			.isInstanceOf(DeliveryUnreadableException.class)
			.hasMessageContaining("the delivery unpacks to more than 32 MiB");

		Path crowded = this.directory.resolve("crowded.zip");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(crowded))) {
			for (int entry = 0; entry <= DeliveryReader.MAX_FILES; entry++) {
				zip.putNextEntry(new ZipEntry("empty" + entry + ".txt"));
			}
		}
		assertThatThrownBy(() -> new DeliveryReader(new DeliveredFileParser(null)).read(crowded))
			.isInstanceOf(DeliveryUnreadableException.class)
			.hasMessageContaining("more than 1000");
	}

	@Test
	void certificateFileThatIsNoneIsUnreadableAndAnyOtherFileIsLeftAside() throws Exception {
		Files.write(this.directory.resolve("cert.crt"), new byte[] { 'n', 'o', 't', 0, 1, 2 });
		Files.writeString(this.directory.resolve("mail from the CA.eml"), "Dear customer,\n");

		Delivery delivery = new DeliveryReader(new DeliveredFileParser(null)).read(this.directory);

		assertThat(delivery.unreadable()).extracting(DeliveredFile::name).containsExactly("cert.crt");
		assertThat(delivery.files()).extracting(DeliveredFile::name, DeliveredFile::ignored)
			.contains(tuple("mail from the CA.eml", "not a certificate or key file"));
	}

	private DeliveredChain assemble(Path path) throws DeliveryUnreadableException {
		Delivery delivery = new DeliveryReader(new DeliveredFileParser(PASSWORD)).read(path);
		assertThat(delivery.unreadable()).isEmpty();
		return DeliveredChain.assemble(delivery, this.validator, Instant.now()).orElseThrow();
	}

	private static String encryptedPkcs8(KeyPair keys) throws Exception {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(),
					new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
						.setPassword(PASSWORD.toCharArray())
						.build()));
		}
		return text.toString();
	}

	private static void zeros(OutputStream out, int bytes) throws IOException {
		byte[] block = new byte[64 * 1024];
		for (int written = 0; written < bytes; written += block.length) {
			out.write(block, 0, Math.min(block.length, bytes - written));
		}
	}

}
