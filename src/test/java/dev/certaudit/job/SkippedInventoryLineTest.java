package dev.certaudit.job;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With on-bad-line=skip a malformed line is not fatal, and not lost either: the reports list it. */
@SpringBootTest
class SkippedInventoryLineTest extends AuditJobTestSupport {

	@Autowired
	AuditLauncher launcher;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:skipped-line;DB_CLOSE_DELAY=-1");
		registry.add("cert-audit.inventory.on-bad-line", () -> "skip");
		estateProperties(registry);
	}

	@Test
	void skippedBadLineIsAuditedAroundAndListedInBothReports() throws Exception {
		TestEstate.Case valid = ESTATE.cases().get("valid.test");
		Path inventory = ESTATE.directory().resolve("one-bad-line.txt");
		Files.writeString(inventory, "valid.test:" + valid.port() + " address=127.0.0.1\n"
				+ "bad host name.test:443\n" + "[::1:443\n");

		RunOutcome outcome = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).isTrue();
		assertThat(rows("assessment", outcome.runId())).isEqualTo(1);
		Path reports = REPORTS.resolve(String.valueOf(outcome.runId()));
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(onlyFile(reports, ".xlsx")))) {
			Sheet errors = workbook.getSheet("Errors");
			assertThat(errors.getLastRowNum()).isEqualTo(2);
			Row first = errors.getRow(1);
			assertThat(first.getCell(0).getStringCellValue()).isEqualTo("inventory line");
			assertThat(first.getCell(1).getStringCellValue()).isEqualTo(inventory.toAbsolutePath() + ":2");
			assertThat(first.getCell(4).getStringCellValue())
				.startsWith("unknown protocol 'host' (known: tls, https, ");
			assertThat(first.getCell(5).getStringCellValue()).isEqualTo("bad host name.test:443");
			assertThat(errors.getRow(2).getCell(4).getStringCellValue())
				.isEqualTo("unclosed '[' in IPv6 address '[::1:443'");
		}
		// long origins wrap in the PDF's narrow column, so look for the line number and the reason
		assertThat(pdfText(onlyFile(reports, ".pdf"))).contains("Inventory lines skipped", "line.txt:3",
				"unclosed '[' in IPv6 address '[::1:443'");
	}

}
