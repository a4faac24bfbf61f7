package dev.certaudit.report.excel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.report.ReportFixtures;

import static org.assertj.core.api.Assertions.assertThat;

class HistorySheetTest {

	private static final DataFormatter FORMATTER = new DataFormatter();

	@TempDir
	Path dir;

	@Test
	void historyFollowsTheSummaryWithOneRowPerRunOldestFirst() throws IOException {
		Path file = this.dir.resolve("audit.xlsx");
		try (ExcelReport report = new ExcelReport()) {
			report.begin(ReportFixtures.summary(), file);
			report.add(ReportFixtures.rows());
			report.finish();
		}
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
			assertThat(workbook.getSheetName(1)).isEqualTo("History");
			XSSFSheet history = workbook.getSheet("History");
			assertThat(lines(history)).containsExactly(
					"Run|Started (UTC)|Endpoints|Need action|ERROR|EXPIRED|NOT_YET_VALID|CRITICAL|WARNING|OK"
							+ "|Expiring within warning days",
					"40|2026-05-20 08:00|7|6|2|2|0|1|1|1|2", "41|2026-05-21 08:00|7|5|1|1|0|1|2|2|3",
					"42|2026-05-22 08:00|7|5|1|1|1|1|1|2|2");
			assertThat(history.getRow(1).getCell(1).getLocalDateTimeCellValue()).hasYear(2026);
			assertThat(history.getPaneInformation().isFreezePane()).isTrue();
			assertThat(history.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:K4");
		}
	}

	private static List<String> lines(Sheet sheet) {
		List<String> lines = new ArrayList<>();
		for (Row row : sheet) {
			List<String> cells = new ArrayList<>();
			for (int column = 0; column < row.getLastCellNum(); column++) {
				cells.add(FORMATTER.formatCellValue(row.getCell(column)));
			}
			lines.add(String.join("|", cells));
		}
		return lines;
	}

}
