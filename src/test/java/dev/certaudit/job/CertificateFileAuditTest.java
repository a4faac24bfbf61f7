package dev.certaudit.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.analysis.Status;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.SourceKind;
import dev.certaudit.probe.CertificateFileWriter;
import dev.certaudit.probe.Pem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate files audited beside a live host: each file is one row of protocol FILE judged by the
 * same rules, and the private keys some of them hold appear nowhere the audit writes.
 */
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class CertificateFileAuditTest extends AuditJobTestSupport {

	private static final String PASSWORD = "pfx password 1";

	private static final IssuedCertificate FILE_ROOT = CertificateGenerator.root("CN=File Root CA");

	private static final IssuedCertificate FILE_CA = CertificateGenerator.intermediate("CN=File Issuing CA", FILE_ROOT);

	private static final IssuedCertificate VALID = CertificateGenerator.server("portal.files.test", FILE_CA, 200);

	private static final IssuedCertificate EXPIRED = CertificateGenerator.server("old.files.test", FILE_CA, -3);

	private static final IssuedCertificate MISPAIRED = CertificateGenerator.server("pair.files.test", FILE_CA, 200);

	private static final KeyPair STRAY_KEYS = CertificateGenerator.ecKeyPair();

	private static final Path FOLDER = createDirectory("cert-audit-files");

	private static final Path TRUST = FOLDER.resolveSibling(FOLDER.getFileName() + "-trust.pem");

	@Autowired
	AuditLauncher launcher;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:cert-files;DB_CLOSE_DELAY=-1");
		registry.add("cert-audit.reports-dir", REPORTS::toString);
		registry.add("cert-audit.fetch.connect-timeout", () -> "1s");
		registry.add("cert-audit.fetch.handshake-timeout", () -> "1s");
		registry.add("cert-audit.trust.extra-store", TRUST::toString);
		registry.add("cert-audit.cert-files.password", () -> PASSWORD);
	}

	@BeforeAll
	static void writeFiles() throws Exception {
		Files.writeString(TRUST, Files.readString(ESTATE.caFile()) + Pem.encode(FILE_ROOT.certificate()));
		// written CA first, as bundles often are: the key's certificate must still come out as the leaf
		CertificateFileWriter.write(FOLDER.resolve("bundle.pem"),
				CertificateFileWriter.pem(FILE_CA.certificate(), VALID.certificate())
						+ CertificateFileWriter.pkcs8(VALID.keyPair().getPrivate()));
		CertificateFileWriter.pkcs12(FOLDER.resolve("expired.pfx"), PASSWORD, EXPIRED.keyPair().getPrivate(),
				EXPIRED.certificate(), FILE_CA.certificate());
		CertificateFileWriter.write(FOLDER.resolve("mispaired.crt"),
				CertificateFileWriter.pem(MISPAIRED.certificate(), FILE_CA.certificate())
						+ CertificateFileWriter.traditional(STRAY_KEYS.getPrivate()));
		Files.write(FOLDER.resolve("garbage.cer"), new byte[] { 'n', 'o', 't', 0x00, 0x01, 0x02 });
		Files.writeString(FOLDER.resolve("README.txt"), "not a certificate file, so not audited\n");
	}

	@Test
	void filesAreAuditedBesideHostsAndNoKeyIsWrittenAnywhere(CapturedOutput output) throws Exception {
		TestEstate.Case valid = ESTATE.cases().get("valid.test");
		Path hosts = ESTATE.directory().resolve("files-and-hosts.txt");
		Files.writeString(hosts, "valid.test:" + valid.port() + " address=127.0.0.1\n");

		RunOutcome outcome = this.launcher.audit(
				List.of(new InventorySource(SourceKind.HOSTS, hosts), new InventorySource(SourceKind.CERT_FILES, FOLDER)),
				4, AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).isTrue();
		long runId = outcome.runId();
		String bundle = file("bundle.pem");
		String expired = file("expired.pfx");
		String mispaired = file("mispaired.crt");
		String garbage = file("garbage.cer");
		assertThat(statusByHost(runId)).containsExactlyInAnyOrderEntriesOf(Map.of("valid.test", Status.OK, bundle,
				Status.OK, expired, Status.EXPIRED, mispaired, Status.CRITICAL, garbage, Status.ERROR));
		assertThat(rulesByHost(runId)).containsExactlyInAnyOrderEntriesOf(Map.of(expired, Set.of("CRIT_CERT_EXPIRED"),
				mispaired, Set.of("CRIT_FILE_KEY_MISMATCH"), garbage, Set.of("CRIT_CERT_FILE_UNREADABLE")));
		assertThat(this.jdbc.queryForList("SELECT DISTINCT protocol || ' ' || port || ' ' || COALESCE(address, '-')"
				+ " FROM audit_target WHERE run_id = ? AND host LIKE '%files%'", String.class, runId))
			.containsExactly("FILE 0 -");
		assertThat(this.jdbc.queryForList("SELECT name FROM discovered_name WHERE run_id = ?", String.class, runId))
			.isEmpty();
		Map<String, Boolean> keyMatches = new HashMap<>();
		this.jdbc.query("SELECT t.host, p.key_matches FROM audit_target t JOIN probe_result p"
				+ " ON p.run_id = t.run_id AND p.target_id = t.target_id WHERE t.run_id = ?",
				(ResultSet rs) -> {
					keyMatches.put(rs.getString("host"), rs.getObject("key_matches", Boolean.class));
				}, runId);
		assertThat(keyMatches).containsEntry(bundle, true)
			.containsEntry(expired, true)
			.containsEntry(mispaired, false)
			.containsEntry(garbage, null)
			.containsEntry("valid.test", null);
		assertThat(this.jdbc.queryForObject("SELECT chain_pem FROM probe_result p JOIN audit_target t"
				+ " ON p.run_id = t.run_id AND p.target_id = t.target_id WHERE t.run_id = ? AND t.host = ?", String.class,
				runId, bundle)).startsWith(Pem.encode(VALID.certificate()));

		Path reports = REPORTS.resolve(String.valueOf(runId));
		String workbook = workbookText(onlyFile(reports, ".xlsx"));
		assertThat(workbook).contains(bundle, expired, mispaired, garbage, "FILE", "CRIT_FILE_KEY_MISMATCH");
		String pdf = pdfText(onlyFile(reports, ".pdf"));
		// a file has no handshake: its protocol, suite and key exchange are null in the export
		JsonMapper.builder().build().readTree(onlyFile(reports, ".json").toFile()).get("endpoints").forEach((endpoint) -> {
			if (endpoint.get("protocol").asString().equals("FILE")) {
				for (String property : List.of("tls_protocol", "cipher_suite", "key_exchange")) {
					assertThat(endpoint.get(property).isNull()).as(endpoint.get("host") + " " + property).isTrue();
				}
			}
		});

		List<String> written = new ArrayList<>(List.of(workbook, pdf, output.getAll()));
		for (String table : List.of("probe_result", "finding", "assessment", "audit_target", "audit_candidate",
				"inventory_rejection", "discovered_name")) {
			written.add(this.jdbc.queryForList("SELECT * FROM " + table + " WHERE run_id = ?", runId).toString());
		}
		for (String text : written) {
			assertThat(text).doesNotContain("PRIVATE KEY");
			for (KeyPair keys : List.of(VALID.keyPair(), EXPIRED.keyPair(), STRAY_KEYS)) {
				// the first line of the key's PEM body: any copy of the key would hold it
				assertThat(text).doesNotContain(
						Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()).substring(0, 64));
			}
		}
	}

	private static String file(String name) {
		return FOLDER.resolve(name).toAbsolutePath().normalize().toString();
	}

	private Map<String, Set<String>> rulesByHost(long runId) {
		Map<String, Set<String>> rules = new HashMap<>();
		this.jdbc.query("SELECT t.host, f.rule_id FROM audit_target t JOIN finding f"
				+ " ON f.run_id = t.run_id AND f.target_id = t.target_id WHERE t.run_id = ?",
				(ResultSet rs) -> {
					rules.computeIfAbsent(rs.getString("host"), (h) -> new TreeSet<>()).add(rs.getString("rule_id"));
				}, runId);
		return rules;
	}

	private static String workbookText(Path file) throws Exception {
		StringBuilder text = new StringBuilder();
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
			for (Sheet sheet : workbook) {
				for (Row row : sheet) {
					for (Cell cell : row) {
						text.append(cell).append('\t');
					}
					text.append('\n');
				}
			}
		}
		return text.toString();
	}

}
