package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.certaudit.CertAuditApplication;
import dev.certaudit.report.ReportFormatting;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code report} writes a run's reports from the database alone: run in a process whose settings differ
 * from the audit's (another organisation, other thresholds and formats, no CT export), it writes the
 * reports the audit wrote, each process in a Spring context of its own as the command line starts it.
 */
class ReportReproducesTheRunTest extends AuditJobTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String DATABASE = "jdbc:h2:mem:report-reproduces-the-run;DB_CLOSE_DELAY=-1";

	@Test
	void reportInAnotherEnvironmentWritesTheReportsTheAuditWrote() throws Exception {
		Path audited = createDirectory("cert-audit-audited");
		Path rewritten = createDirectory("cert-audit-rewritten");
		Path inventory = ESTATE.writeInventory("report-reproduces.txt");
		long runId;
		try (ConfigurableApplicationContext audit = context(audited, "--cert-audit.organisation=Example Org",
				"--cert-audit.ct.export=" + ctExport(), "--cert-audit.thresholds.critical-days=10",
				"--cert-audit.thresholds.warning-days=60", "--cert-audit.reports.formats=pdf,xlsx,csv,json")) {
			RunOutcome outcome = audit.getBean(AuditLauncher.class)
				.audit(hosts(inventory), 8, AuditLauncher.StartMode.NEW);
			assertThat(outcome.completed()).as(String.valueOf(outcome.failure())).isTrue();
			runId = outcome.runId();
		}

		try (ConfigurableApplicationContext report = context(rewritten, "--cert-audit.organisation=Another Org",
				"--cert-audit.reports.formats=csv")) {
			assertThat(report.getBean(AuditLauncher.class).report(runId).completed()).isTrue();
		}

		Path before = audited.resolve(String.valueOf(runId));
		Path after = rewritten.resolve(String.valueOf(runId));
		assertThat(fileNames(after)).isEqualTo(fileNames(before)).hasSize(5);
		assertThat(Files.readString(onlyFile(after, "-endpoints.csv")))
			.isEqualTo(Files.readString(onlyFile(before, "-endpoints.csv")));
		assertThat(Files.readString(onlyFile(after, "-findings.csv")))
			.isEqualTo(Files.readString(onlyFile(before, "-findings.csv")));
		JsonNode jsonBefore = JSON.readTree(onlyFile(before, ".json").toFile());
		JsonNode jsonAfter = JSON.readTree(onlyFile(after, ".json").toFile());
		assertThat(jsonAfter.get("run").get("organisation").asString()).isEqualTo("Example Org");
		assertThat(withoutGeneratedAt(jsonAfter)).isEqualTo(withoutGeneratedAt(jsonBefore));
		String pdf = pdfText(onlyFile(after, ".pdf"));
		assertThat(pdf).startsWith("TLS certificate audit: Example Org");
		assertThat(pdf.replaceAll("\\s+", " ")).contains("CRITICAL within 10 days of expiry, WARNING within 60 days.",
				"Certificate Transparency", "1 issued, never seen deployed");
		assertThat(withoutGeneratedAt(pdf, jsonAfter))
			.isEqualTo(withoutGeneratedAt(pdfText(onlyFile(before, ".pdf")), jsonBefore));
		assertThat(sheets(onlyFile(after, ".xlsx"))).contains("Certificate Transparency")
			.isEqualTo(sheets(onlyFile(before, ".xlsx")));
		assertThat(sheet(onlyFile(after, ".xlsx"), "Certificate Transparency"))
			.isEqualTo(sheet(onlyFile(before, ".xlsx"), "Certificate Transparency"));
		// the settings the audit judged by, not those of the process that reports
		assertThat(sheet(onlyFile(after, ".xlsx"), "Settings"))
			.contains("|thresholds.critical-days|10", "|thresholds.warning-days|60", "|fetch.handshake-timeout|PT5S")
			.isEqualTo(sheet(onlyFile(before, ".xlsx"), "Settings"));
		String digest = jsonAfter.get("run").get("judgement").get("digest").asString();
		assertThat(jsonAfter.get("run").get("judgement").get("settings").get("thresholds.critical-days").asString())
			.isEqualTo("10");
		assertThat(sheet(onlyFile(after, ".xlsx"), "Summary")).contains("|Judged with settings|" + digest.substring(0, 12));
		assertThat(pdf).contains("Judged with settings " + digest.substring(0, 12));
	}

	/** A process of cert-audit with the estate's settings, these, and its own report folder. */
	private static ConfigurableApplicationContext context(Path reports, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + DATABASE,
				"--cert-audit.trust.extra-store=" + ESTATE.caFile(), "--cert-audit.reports-dir=" + reports,
				// time enough on a busy machine: this test is about the reports, not timeouts
				"--cert-audit.fetch.connect-timeout=5s", "--cert-audit.fetch.handshake-timeout=5s",
				"--cert-audit.fetch.retries=1", "--cert-audit.fetch.retry-backoff=10ms"));
		arguments.addAll(List.of(settings));
		return new SpringApplicationBuilder(CertAuditApplication.class).run(arguments.toArray(String[]::new));
	}

	/** A spare certificate valid until 2099 for a host the estate does not list. */
	private static Path ctExport() throws IOException {
		return Files.writeString(ESTATE.directory().resolve("report-reproduces-ct.json"), """
				[{"issuer_name":"C=US, O=Example, CN=Public CA","common_name":"spare.test",
				  "name_value":"spare.test","id":42,"not_before":"2025-01-01T00:00:00",
				  "not_after":"2099-01-01T00:00:00","serial_number":"00c0ffee"}]
				""");
	}

	private static JsonNode withoutGeneratedAt(JsonNode document) {
		JsonNode copy = document.deepCopy();
		((ObjectNode) copy.get("run")).remove("generated_at");
		return copy;
	}

	/** The PDF's text with the instant it was made, which every page's footer names, masked. */
	private static String withoutGeneratedAt(String pdfText, JsonNode document) {
		Instant generatedAt = Instant.parse(document.get("run").get("generated_at").asString());
		return pdfText.replace("generated " + ReportFormatting.dateTime(generatedAt), "generated (then)");
	}

	private static List<String> fileNames(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	private static List<String> sheets(Path workbookFile) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(workbookFile))) {
			List<String> names = new ArrayList<>();
			workbook.forEach((sheet) -> names.add(sheet.getSheetName()));
			return names;
		}
	}

	/** Every row of a sheet as its cells' text joined by "|". */
	private static List<String> sheet(Path workbookFile, String name) throws IOException {
		DataFormatter formatter = new DataFormatter();
		List<String> rows = new ArrayList<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(workbookFile))) {
			Sheet sheet = workbook.getSheet(name);
			for (Row row : sheet) {
				StringBuilder line = new StringBuilder();
				for (int column = 0; column < row.getLastCellNum(); column++) {
					line.append('|').append(formatter.formatCellValue(row.getCell(column)));
				}
				rows.add(line.toString());
			}
		}
		return rows;
	}

}
