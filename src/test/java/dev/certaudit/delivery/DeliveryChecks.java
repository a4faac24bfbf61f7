package dev.certaudit.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.history.RecordedRuns;
import dev.certaudit.job.AuditRefusedException;
import dev.certaudit.probe.CertificateFileReader;
import dev.certaudit.probe.CertificateFileWriter;
import dev.certaudit.probe.Pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Renewal deliveries checked against the places a completed run found the old certificate served:
 * web, OWA, IMAPS and POP3 on the mail server, and the gateway; on each database by a subclass that
 * names it.
 */
@Import(RecordedRuns.class)
@ExtendWith(OutputCaptureExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeliveryChecks {

	private static final String PASSWORD = "renewal password 3";

	private static final Deliveries DELIVERIES = new Deliveries();

	private static final String[] OLD_NAMES = { "www.renewal.test", "owa.renewal.test", "mail.renewal.test",
			"gateway.renewal.test" };

	private static final IssuedCertificate OLD = DELIVERIES.certificate(10, OLD_NAMES);

	private static final IssuedCertificate NEW = DELIVERIES.certificate("www.renewal.test", "owa.renewal.test",
			"mail.renewal.test", "gateway.renewal.test", "autodiscover.renewal.test");

	private static final IssuedCertificate SHOP = DELIVERIES.certificate("shop.renewal.test");

	private static final Path DIRECTORY = temporaryDirectory();

	private static final Path REPORTS = DIRECTORY.resolve("reports");

	@Autowired
	RecordedRuns runs;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DeliveryCheck check;

	private long completedRun;

	private long failedRun;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	/** The settings besides the database: the test root trusted, the reports and the password. */
	static void deliveryProperties(DynamicPropertyRegistry registry) throws IOException {
		Path trust = Files.writeString(DIRECTORY.resolve("trust.pem"), Pem.encode(DELIVERIES.root.certificate()));
		registry.add("cert-audit.trust.extra-store", trust::toString);
		registry.add("cert-audit.reports-dir", REPORTS::toString);
		registry.add("cert-audit.cert-files.password", () -> PASSWORD);
	}

	@BeforeAll
	void recordRuns() {
		this.completedRun = new RecordedPlaces(this.runs, this.jobRepository, "hosts:/etc/cert-audit/hosts.txt")
			.serving(OLD, "www.renewal.test", 443, "TLS", "192.0.2.10", "owner=web")
			.serving(OLD, "owa.renewal.test", 443, "TLS", "192.0.2.20", "owner=mail")
			.serving(OLD, "mail.renewal.test", 993, "TLS", "192.0.2.20", "owner=mail")
			.serving(OLD, "mail.renewal.test", 110, "POP3", "192.0.2.20", "owner=mail")
			.serving(OLD, "gateway.renewal.test", 443, "TLS", "192.0.2.30", "owner=network")
			.serving(SHOP, "shop.renewal.test", 443, "TLS", "192.0.2.40", "owner=shop")
			.ended(BatchStatus.COMPLETED)
			.runId();
		// a later run that did not complete: its places are not the whole estate, so they do not count
		this.failedRun = new RecordedPlaces(this.runs, this.jobRepository, "hosts:/etc/cert-audit/hosts.txt")
			.serving(OLD, "www.renewal.test", 443, "TLS", "192.0.2.10", "owner=web")
			.ended(BatchStatus.FAILED)
			.runId();
	}

	@Test
	void correctDeliveryCoversEveryPlaceAndWritesWhatToInstallAndTheKeyNowhereElse(CapturedOutput output)
			throws Exception {
		Path zip = Deliveries.zip(DIRECTORY.resolve("renewal.zip"),
				DELIVERIES.portalDownload(NEW, NEW.keyPair().getPrivate()), 42);

		assertThat(check(zip, null, null)).isEqualTo(DeliveryVerdict.READY);

		assertThat(lines()).last().isEqualTo("ready: covers all 5 places of the old certificate");
		assertThat(stdout()).contains("renewal.zip: private/KEY_final_v2.txt: the private key of the certificate",
				"renewal.zip: Your Certificate/ServerCertificate (1).crt: the certificate CN=www.renewal.test",
				"chain: intermediates supplied: CN=Renewal Test CA; root not sent",
				"places of the old certificate in run " + this.completedRun + " (5):",
				"covered      mail.renewal.test:110 (POP3, 192.0.2.20, owner mail)",
				"names added: autodiscover.renewal.test; names dropped: none; expires",
				"once installed, see each place serve it: cert-audit audit --only-places-of=" + sha256(OLD));
		Path written = written(NEW);
		assertThat(Pem.chain(Files.readString(written.resolve("chain.pem"))))
			.containsExactly(NEW.certificate(), DELIVERIES.intermediate.certificate());
		KeyStore p12 = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(written.resolve("certificate.p12"))) {
			p12.load(in, PASSWORD.toCharArray());
		}
		String alias = p12.aliases().nextElement();
		assertThat(CertificateFileReader.belongsTo((PrivateKey) p12.getKey(alias, PASSWORD.toCharArray()),
				NEW.certificate().getPublicKey())).isTrue();
		assertThat(p12.getCertificateChain(alias)).containsExactly(NEW.certificate(), DELIVERIES.intermediate.certificate());

		JsonNode verdict = json(written);
		assertThat(verdict.get("ready").asBoolean()).isTrue();
		assertThat(verdict.get("exit_code").asInt()).isZero();
		assertThat(verdict.get("replaces").get("sha256").asString()).isEqualTo(sha256(OLD));
		assertThat(verdict.get("run_id").asLong()).isEqualTo(this.completedRun);
		assertThat(verdict.get("private_key").get("matches").asBoolean()).isTrue();
		assertThat(verdict.get("chain").get("complete").asBoolean()).isTrue();
		assertThat(verdict.get("chain").get("root_sent").asBoolean()).isFalse();
		assertThat(verdict.get("places")).hasSize(5).allSatisfy((place) -> assertThat(place.get("covered").asBoolean()).isTrue());
		assertThat(verdict.get("comparison").get("names_added").get(0).asString()).isEqualTo("autodiscover.renewal.test");
		assertThat(verdict.get("comparison").get("same_key").asBoolean()).isFalse();
		assertThat(verdict.get("comparison").get("expires_later").asBoolean()).isTrue();
		assertThat(verdict.get("comparison").get("days_later").asLong()).isEqualTo(190);
		assertThat(verdict.get("written")).extracting(JsonNode::asString)
			.containsExactly("chain.pem", "certificate.p12", "verdict.json", "check-delivery.pdf");
		String pdf = pdf(written.resolve("check-delivery.pdf"), 1);
		assertThat(pdf).contains("ready: covers all 5 places of the old certificate", "gateway.renewal.test:443");

		// the key went into certificate.p12 and nowhere else: not the database, the log, nor the other files
		List<String> elsewhere = new ArrayList<>(List.of(output.getAll(), stdout(), pdf,
				Files.readString(written.resolve("chain.pem")), Files.readString(written.resolve("verdict.json"))));
		elsewhere.add(databaseText());
		assertThat(elsewhere).allSatisfy((text) -> assertThat(text).doesNotContain("PRIVATE KEY")
			.doesNotContain(Deliveries.keyFingerprint(NEW.keyPair().getPrivate())));
		try (Stream<Path> files = Files.list(written)) {
			assertThat(files.map((file) -> file.getFileName().toString()).sorted())
				.containsExactly("certificate.p12", "chain.pem", "check-delivery.pdf", "verdict.json");
		}
	}

	@Test
	void pfxDeliveryIsReady() throws Exception {
		Path pfx = CertificateFileWriter.pkcs12(DIRECTORY.resolve("www.pfx"), PASSWORD, NEW.keyPair().getPrivate(),
				NEW.certificate(), DELIVERIES.intermediate.certificate(), DELIVERIES.root.certificate());

		assertThat(check(pfx, null, null)).isEqualTo(DeliveryVerdict.READY);

		assertThat(stdout()).contains("www.pfx: the certificate CN=www.renewal.test; intermediate CN=Renewal Test CA;"
				+ " root CN=Renewal Test Root, not installed: clients use their own copy; the private key of the certificate",
				"chain: intermediates supplied: CN=Renewal Test CA; root CN=Renewal Test Root sent (left out of chain.pem");
		assertThat(lines()).last().isEqualTo("ready: covers all 5 places of the old certificate");
	}

	@Test
	void missingIntermediateIsNamedWithItsAiaUrl() throws Exception {
		Map<String, byte[]> entries = DELIVERIES.portalDownload(NEW, NEW.keyPair().getPrivate());
		entries.remove("Your Certificate/Intermediate.ca-bundle");
		Path zip = Deliveries.zip(DIRECTORY.resolve("no-intermediate.zip"), entries, 7);

		assertThat(check(zip, null, null)).isEqualTo(DeliveryVerdict.NOT_READY);

		assertThat(lines()).last().isEqualTo("not ready: intermediates missing: the certificate of CN=Renewal Test CA"
				+ " was not delivered (its AIA URL: " + Deliveries.CA_ISSUERS_URL + ")");
		assertThat(stdout()).contains("chain: intermediates missing: the certificate of CN=Renewal Test CA was not"
				+ " delivered (its AIA URL: " + Deliveries.CA_ISSUERS_URL + "); intermediates supplied: none; root not sent");
		JsonNode verdict = json(written(NEW));
		assertThat(verdict.get("chain").get("missing_issuer").asString()).isEqualTo("CN=Renewal Test CA");
		assertThat(verdict.get("chain").get("aia_url").asString()).isEqualTo(Deliveries.CA_ISSUERS_URL);
		assertThat(verdict.get("exit_code").asInt()).isEqualTo(2);
	}

	@Test
	void keyOfTheOldRequestIsNotTheNewCertificatesAndNoPkcs12IsWritten() throws Exception {
		IssuedCertificate renewed = DELIVERIES.certificate(OLD_NAMES);
		Path zip = Deliveries.zip(DIRECTORY.resolve("old-key.zip"),
				DELIVERIES.portalDownload(renewed, OLD.keyPair().getPrivate()), 3);

		assertThat(check(zip, null, null)).isEqualTo(DeliveryVerdict.NOT_READY);

		assertThat(lines()).last().isEqualTo("not ready: the private key in old-key.zip: private/KEY_final_v2.txt does"
				+ " not belong to the certificate: it is the old certificate's key");
		assertThat(stdout()).contains("old-key.zip: private/KEY_final_v2.txt: a private key, not the certificate's:"
				+ " the old certificate's key");
		assertThat(written(renewed).resolve("certificate.p12")).doesNotExist();
		assertThat(json(written(renewed)).get("private_key").get("matches").asBoolean()).isFalse();
	}

	@Test
	void secondCheckOfTheSameCertificateWithAForeignKeyLeavesNoEarlierPkcs12Behind() throws Exception {
		IssuedCertificate renewed = DELIVERIES.certificate(OLD_NAMES);
		check(Deliveries.zip(DIRECTORY.resolve("right-key.zip"),
				DELIVERIES.portalDownload(renewed, renewed.keyPair().getPrivate()), 1), null, null);
		assertThat(written(renewed).resolve("certificate.p12")).exists();

		assertThat(check(Deliveries.zip(DIRECTORY.resolve("foreign-key.zip"),
				DELIVERIES.portalDownload(renewed, CertificateGenerator.ecKeyPair().getPrivate()), 1), null, null))
			.isEqualTo(DeliveryVerdict.NOT_READY);

		assertThat(written(renewed).resolve("certificate.p12")).doesNotExist();
	}

	@Test
	void droppedNameThatOnePlaceNeedsIsNotReady() throws Exception {
		IssuedCertificate withoutOwa = DELIVERIES.certificate("www.renewal.test", "mail.renewal.test",
				"gateway.renewal.test");
		Path zip = Deliveries.zip(DIRECTORY.resolve("dropped.zip"),
				DELIVERIES.portalDownload(withoutOwa, withoutOwa.keyPair().getPrivate()), 5);

		assertThat(check(zip, null, null)).isEqualTo(DeliveryVerdict.NOT_READY);

		assertThat(lines()).last().isEqualTo("not ready: does not cover 1 of the 5 places of the old certificate:"
				+ " owa.renewal.test:443 (TLS, 192.0.2.20, owner mail)");
		assertThat(stdout()).contains("NOT COVERED  owa.renewal.test:443", "names dropped: owa.renewal.test");
		JsonNode verdict = json(written(withoutOwa));
		assertThat(verdict.get("comparison").get("names_dropped").get(0).asString()).isEqualTo("owa.renewal.test");
		assertThat(verdict.get("replaces").get("chosen").asString())
			.isEqualTo("the certificate served in run " + this.completedRun + " whose names the new one covers best: 3 of its 4 names");
	}

	@Test
	void replacedCertificateIsNamedByFingerprintOrPlaceInTheRunChosen() throws Exception {
		Path zip = Deliveries.zip(DIRECTORY.resolve("named.zip"),
				DELIVERIES.portalDownload(NEW, NEW.keyPair().getPrivate()), 9);

		assertThat(check(zip, sha256(OLD).toUpperCase(), null)).isEqualTo(DeliveryVerdict.READY);
		assertThat(stdout()).contains("(named by --replaces)");

		assertThat(check(zip, "shop.renewal.test:443", this.completedRun)).isEqualTo(DeliveryVerdict.NOT_READY);
		assertThat(lines()).last().isEqualTo("not ready: does not cover 1 of the 1 places of the old certificate:"
				+ " shop.renewal.test:443 (TLS, 192.0.2.40, owner shop)");

		assertThatThrownBy(() -> check(zip, null, this.failedRun)).isInstanceOf(AuditRefusedException.class)
			.hasMessage("Run " + this.failedRun + " has not completed (failed), so its results are incomplete:"
					+ " finish it with cert-audit restart " + this.failedRun);
		assertThatThrownBy(() -> check(zip, "nowhere.renewal.test", null)).isInstanceOf(AuditRefusedException.class)
			.hasMessage("run " + this.completedRun + " found no certificate served at nowhere.renewal.test"
					+ " (--replaces); choose the run with --run=N");
	}

	@Test
	void deliveryThatCannotBeReadExitsThree() throws Exception {
		Path damaged = Files.createDirectories(DIRECTORY.resolve("damaged"));
		Files.writeString(damaged.resolve("cert.crt"), CertificateFileWriter.pem(NEW.certificate()).substring(0, 200));
		assertThat(check(damaged, null, null)).isEqualTo(DeliveryVerdict.UNREADABLE);
		assertThat(lines()).last().isEqualTo("unreadable: 1 of the delivered files could not be read");

		Path keyOnly = Files.createDirectories(DIRECTORY.resolve("key-only"));
		Files.writeString(keyOnly.resolve("server.key"), CertificateFileWriter.pkcs8(NEW.keyPair().getPrivate()));
		assertThat(check(keyOnly, null, null)).isEqualTo(DeliveryVerdict.UNREADABLE);
		assertThat(lines()).last()
			.isEqualTo("unreadable: the delivery holds no server certificate, only CA certificates, keys or other files");
		assertThat(stdout()).doesNotContain(Deliveries.keyFingerprint(NEW.keyPair().getPrivate()));
	}

	@Test
	void selfSignedCertificateIsJudgedByTheAuditsRules() throws Exception {
		IssuedCertificate selfMade = CertificateGenerator.certificate("CN=www.renewal.test")
			.dnsNames(OLD_NAMES)
			.build();
		Path folder = Files.createDirectories(DIRECTORY.resolve("self-made"));
		Files.writeString(folder.resolve("www.pem"), CertificateFileWriter.pem(selfMade.certificate())
				+ CertificateFileWriter.pkcs8(selfMade.keyPair().getPrivate()));

		assertThat(check(folder, null, null)).isEqualTo(DeliveryVerdict.NOT_READY);

		assertThat(lines().getLast()).startsWith("not ready: CRIT_CERT_SELF_SIGNED: ");
	}

	/** Every row of every table of the database, as text. */
	private String databaseText() {
		StringBuilder text = new StringBuilder();
		for (String table : this.jdbc.queryForList("SELECT table_name FROM information_schema.tables"
				+ " WHERE table_schema = CURRENT_SCHEMA", String.class)) {
			text.append(table).append(this.jdbc.queryForList("SELECT * FROM \"" + table + "\"")).append('\n');
		}
		assertThat(text.toString().toLowerCase(Locale.ROOT)).as("the project's tables and the JobRepository's")
			.contains("probe_result", "batch_job_execution_context");
		return text.toString();
	}

	private int check(Path delivery, String replaces, Long runId) {
		this.out.reset();
		return this.check.check(delivery, replaces, runId, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				Instant.now());
	}

	private String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private List<String> lines() {
		return Arrays.asList(stdout().split("\n"));
	}

	private static Path written(IssuedCertificate certificate) {
		return written(REPORTS, certificate);
	}

	/** Where a check of a delivery of {@code certificate} writes its files today. */
	static Path written(Path reports, IssuedCertificate certificate) {
		return reports.resolve("check-delivery-" + LocalDate.now(ZoneOffset.UTC) + "-"
				+ sha256(certificate).substring(0, 12));
	}

	private static JsonNode json(Path written) {
		return JsonMapper.builder().build().readTree(written.resolve("verdict.json").toFile());
	}

	private static String sha256(IssuedCertificate certificate) {
		return Certificates.sha256(certificate.certificate());
	}

	private static String pdf(Path file, int pages) throws IOException {
		try (InputStream in = Files.newInputStream(file); PdfReader reader = new PdfReader(in)) {
			assertThat(reader.getNumberOfPages()).isEqualTo(pages);
			return new PdfTextExtractor(reader).getTextFromPage(1);
		}
	}

	static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("check-delivery");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
