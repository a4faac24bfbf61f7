package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import dev.certaudit.report.excel.ExcelReport;
import dev.certaudit.report.pdf.PdfReport;

class LargeRunReportTest {

	private static final int ENDPOINTS = 10_000;

	@TempDir
	Path dir;

	@Test
	void tenThousandEndpointsStreamIntoBothFormats() throws IOException {
		List<ReportRow> rows = IntStream.rangeClosed(1, ENDPOINTS).mapToObj(ReportFixtures::okRow).toList();
		RunSummary summary = ReportFixtures.summaryOf(rows, List.of());

		Path xlsx = write(new ExcelReport(), summary, rows);
		try (XSSFWorkbook workbook = ExcelReportTest.read(xlsx)) {
			assertThat(workbook.getSheet("Certificates").getLastRowNum()).isEqualTo(ENDPOINTS);
			assertThat(workbook.getSheet("Certificates").getRow(ENDPOINTS).getCell(0).getStringCellValue())
				.isEqualTo("host-" + ENDPOINTS + ".example.org");
		}

		Path pdf = write(new PdfReport(), summary, rows);
		try (PdfReader reader = new PdfReader(pdf.toString())) {
			int pages = reader.getNumberOfPages();
			assertThat(pages).isGreaterThan(1);
			String lastPage = new PdfTextExtractor(reader).getTextFromPage(pages);
			assertThat(lastPage).contains("host-" + ENDPOINTS + ".example.org:443", "page " + pages)
				.startsWith("Status Host:Port");
		}
	}

	private Path write(ReportDocument report, RunSummary summary, List<ReportRow> rows) throws IOException {
		Path file = dir.resolve("audit." + report.extension());
		try (report) {
			report.begin(summary, file);
			for (int from = 0; from < rows.size(); from += 500) {
				report.add(rows.subList(from, Math.min(from + 500, rows.size())));
			}
			report.finish();
		}
		return file;
	}

}
