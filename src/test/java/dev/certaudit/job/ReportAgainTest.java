package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code report} writes a past run's reports again from the database, fetching nothing. */
@SpringBootTest
class ReportAgainTest extends AuditJobTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:report-again;DB_CLOSE_DELAY=-1");
		estateProperties(registry);
	}

	@Autowired
	AuditLauncher launcher;

	@Test
	void deletedReportsComeBackWithTheSameRowsWithoutFetching() throws Exception {
		RunOutcome audit = this.launcher.audit(hosts(ESTATE.writeInventory("report-again.txt")), 8,
				AuditLauncher.StartMode.NEW);
		assertThat(audit.completed()).isTrue();
		Path reports = REPORTS.resolve(String.valueOf(audit.runId()));
		String workbookName = onlyFile(reports, ".xlsx").getFileName().toString();
		List<String> rowsBefore = certificateRows(onlyFile(reports, ".xlsx"));
		String pdfBefore = pdfText(onlyFile(reports, ".pdf"));
		String fetchedAt = this.jdbc.queryForObject("SELECT MAX(fetched_at) FROM probe_result WHERE run_id = ?",
				String.class, audit.runId());
		FileSystemUtils.deleteRecursively(reports);

		RunOutcome report = this.launcher.report(audit.runId());

		assertThat(report.completed()).isTrue();
		assertThat(report.runId()).isEqualTo(audit.runId());
		assertThat(report.countsByStatus()).isEqualTo(audit.countsByStatus());
		assertThat(onlyFile(reports, ".xlsx").getFileName().toString()).isEqualTo(workbookName);
		assertThat(certificateRows(onlyFile(reports, ".xlsx"))).hasSize(ESTATE.cases().size() + 1)
			.isEqualTo(rowsBefore);
		assertThat(pdfText(onlyFile(reports, ".pdf"))).contains(ESTATE.cases().keySet())
			.contains(pdfBefore.lines().filter((line) -> line.contains("expired.test")).toList());
		// nothing was fetched again
		assertThat(this.jdbc.queryForObject("SELECT MAX(fetched_at) FROM probe_result WHERE run_id = ?", String.class,
				audit.runId()))
			.isEqualTo(fetchedAt);
		assertThat(rowsPerTarget("probe_result", audit.runId())).containsOnly(1L);
	}

	@Test
	void withoutRunIdTheLatestCompletedRunIsReportedAndAnUnfinishedOneIsRefused() throws Exception {
		RunOutcome completed = this.launcher.audit(hosts(ESTATE.writeInventory("report-latest.txt")), 8,
				AuditLauncher.StartMode.NEW);
		Path badInventory = ESTATE.directory().resolve("report-bad-line.txt");
		Files.writeString(badInventory, "broken.test:44x3\n");
		RunOutcome failed = this.launcher.audit(hosts(badInventory), 8, AuditLauncher.StartMode.NEW);
		assertThat(failed.completed()).isFalse();
		FileSystemUtils.deleteRecursively(REPORTS.resolve(String.valueOf(completed.runId())));

		RunOutcome report = this.launcher.report(null);

		assertThat(report.runId()).isEqualTo(completed.runId());
		assertThat(certificateRows(onlyFile(REPORTS.resolve(String.valueOf(completed.runId())), ".xlsx")))
			.hasSize(ESTATE.cases().size() + 1);
		assertThatExceptionOfType(AuditRefusedException.class).isThrownBy(() -> this.launcher.report(failed.runId()))
			.withMessage("Run " + failed.runId() + " has not completed (failed), so its results are incomplete:"
					+ " finish it with cert-audit restart " + failed.runId());
		assertThatExceptionOfType(AuditRefusedException.class).isThrownBy(() -> this.launcher.report(999_999L))
			.withMessage("There is no run 999999");
	}

	/** Its reports name no settings, rather than this process's, which may not be those it judged by. */
	@Test
	void runCreatedBeforeItsSettingsWereRecordedIsReportedWithoutThem() throws Exception {
		RunOutcome audit = this.launcher.audit(hosts(ESTATE.writeInventory("report-unjudged.txt")), 8,
				AuditLauncher.StartMode.NEW);
		assertThat(audit.completed()).isTrue();
		this.jdbc.update("DELETE FROM run_judgement WHERE run_id = ?", audit.runId());
		Path reports = REPORTS.resolve(String.valueOf(audit.runId()));
		FileSystemUtils.deleteRecursively(reports);

		assertThat(this.launcher.report(audit.runId()).completed()).isTrue();

		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(onlyFile(reports, ".xlsx")))) {
			assertThat(workbook.getSheet("Settings")).isNull();
			assertThat(workbook.getSheet("Certificates").getLastRowNum()).isEqualTo(ESTATE.cases().size());
		}
		assertThat(JsonMapper.builder().build().readTree(onlyFile(reports, ".json").toFile()).get("run")
			.get("judgement").isNull()).isTrue();
		assertThat(pdfText(onlyFile(reports, ".pdf"))).doesNotContain("Judged with");
	}

	/** Every row of the Certificates sheet as its cells' text joined by "|". */
	private static List<String> certificateRows(Path workbookFile) throws IOException {
		DataFormatter formatter = new DataFormatter();
		List<String> rows = new ArrayList<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(workbookFile))) {
			for (Row row : workbook.getSheet("Certificates")) {
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
