package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.analysis.Status;
import dev.certaudit.report.excel.ExcelReport;

class ExcelReportTest {

	private static final int NOT_AFTER = 9;

	private static final int STATUS = 6;

	private static final DataFormatter FORMATTER = new DataFormatter();

	@TempDir
	Path dir;

	@Test
	void workbookHasSheetsInReadingOrder() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			List<String> names = new ArrayList<>();
			workbook.forEach(sheet -> names.add(sheet.getSheetName()));
			assertThat(names).containsExactly("Summary", "Certificates", "Findings", "Discovery", "Inventory errors");
		}
	}

	@Test
	void summaryStatesRunAndCountsEveryStatusIncludingZeros() throws IOException {
		List<ReportRow> rows = ReportFixtures.rows().stream().filter(row -> row.status() != Status.CRITICAL).toList();
		try (XSSFWorkbook workbook = write(ReportFixtures.summaryOf(rows, ReportFixtures.REJECTED_LINES), rows)) {
			List<String> lines = texts(workbook.getSheet("Summary"));
			assertThat(lines).containsExactly("Run id|42", "Started at (UTC)|2026-05-22 08:00",
					"Generated at (UTC)|2026-05-22 08:17", "Inventories|hosts.csv, domains.txt", "Total endpoints|6",
					"ERROR|1", "EXPIRED|1", "NOT_YET_VALID|1", "CRITICAL|0", "WARNING|1", "OK|2",
					"Rejected inventory lines|2", "Names looked up in DNS|3", "Names found|2", "Names not found|1",
					"Names failed|0");
		}
	}

	@Test
	void certificatesSheetHasHeaderAndOneRowPerEndpointInArrivalOrder() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			List<String> lines = texts(workbook.getSheet("Certificates"));
			assertThat(lines.getFirst()).isEqualTo("Host|Port|Protocol|Address|Owner|Labels|Status|Days left"
					+ "|Not before (UTC)|Not after (UTC)|Subject|Issuer|SANs|Findings|Error|Attempts");
			assertThat(lines.subList(1, lines.size())).map(line -> line.substring(0, line.indexOf('|')))
				.containsExactlyElementsOf(ReportFixtures.rows().stream().map(ReportRow::host).toList());
			assertThat(lines.get(2)).isEqualTo("old.example.org|443|https|192.0.2.2|web-team|prod|EXPIRED|-3"
					+ "|2025-04-17 12:30|2026-05-19 12:30|CN=old.example.org|CN=Example Issuing CA"
					+ "|old.example.org, www.old.example.org|e_certificate_expired, w_sha1_signature||1");
		}
	}

	@Test
	void certificatesSheetHasRealDateCells() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			Cell notAfter = workbook.getSheet("Certificates").getRow(2).getCell(NOT_AFTER);
			assertThat(notAfter.getCellType()).isEqualTo(CellType.NUMERIC);
			assertThat(DateUtil.isCellDateFormatted(notAfter)).isTrue();
			assertThat(notAfter.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 5, 19, 12, 30));
		}
	}

	@Test
	void endpointWithoutCertificateHasBlankCertificateCellsAndItsError() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			assertThat(texts(workbook.getSheet("Certificates")).get(1))
				.isEqualTo("down.example.org|443|https|192.0.2.1|web-team|prod|ERROR||||||||connect timed out after 5s|5");
			Row row = workbook.getSheet("Certificates").getRow(1);
			assertThat(row.getCell(NOT_AFTER)).isNull();
		}
	}

	@Test
	void statusCellsAreFilledByStatus() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			Sheet sheet = workbook.getSheet("Certificates");
			XSSFCellStyle expired = (XSSFCellStyle) sheet.getRow(2).getCell(STATUS).getCellStyle();
			XSSFCellStyle ok = (XSSFCellStyle) sheet.getRow(6).getCell(STATUS).getCellStyle();
			assertThat(expired.getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
			assertThat(expired.getFillForegroundColorColor().getARGBHex())
				.isEqualTo(argb(Status.EXPIRED))
				.isNotEqualTo(ok.getFillForegroundColorColor().getARGBHex());
			assertThat(ok.getFillForegroundColorColor().getARGBHex()).isEqualTo(argb(Status.OK));
		}
	}

	@Test
	void tableSheetsKeepABoldHeaderFrozenAndFilterEveryRow() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			XSSFSheet certificates = workbook.getSheet("Certificates");
			assertThat(certificates.getPaneInformation().isFreezePane()).isTrue();
			assertThat(certificates.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
			assertThat(certificates.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:P8");
			assertThat(workbook.getFontAt(certificates.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold())
				.isTrue();
			XSSFSheet findings = workbook.getSheet("Findings");
			assertThat(findings.getPaneInformation().isFreezePane()).isTrue();
			assertThat(findings.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:G" + (1 + ReportFixtures.findingCount()));
		}
	}

	@Test
	void findingsSheetHasOneRowPerFinding() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			List<String> lines = texts(workbook.getSheet("Findings"));
			assertThat(lines).hasSize(1 + ReportFixtures.findingCount());
			assertThat(lines.get(0)).isEqualTo("Host|Port|Address|Rule|Severity|Message|Remediation");
			assertThat(lines.subList(1, 3)).containsExactly(
					"old.example.org|443|192.0.2.2|e_certificate_expired|CRITICAL|Rule e_certificate_expired matched"
							+ "|Renew the certificate",
					"old.example.org|443|192.0.2.2|w_sha1_signature|WARNING|Rule w_sha1_signature matched"
							+ "|Renew the certificate");
		}
	}

	@Test
	void inventoryErrorsSheetListsRejectedLines() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			assertThat(texts(workbook.getSheet("Inventory errors"))).containsExactly("Origin (file:line)|Line|Reason",
					"hosts.csv:12|mail.example.org;smtp|port is missing",
					"domains.txt:3|exa mple.org|not a valid host name");
		}
	}

	@Test
	void discoverySheetListsEveryNameTriedWithItsAnswer() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary(), ReportFixtures.rows())) {
			assertThat(texts(workbook.getSheet("Discovery"))).containsExactly(
					"Name|Result|Addresses|CNAME chain|Detail", "mail.example.test|FOUND|192.0.2.10, 2001:db8::10",
					"shop.example.test|FOUND|192.0.2.20|shop.example.test -> shops.saas.test",
					"vpn.example.test|NOT_FOUND|||NXDOMAIN");
		}
	}

	@Test
	void finishReplacesAnEarlierReportAndLeavesNoTemporaryFile() throws IOException {
		Path file = dir.resolve("audit.xlsx");
		Files.writeString(file, "stale");
		try (ExcelReport report = new ExcelReport()) {
			report.begin(ReportFixtures.summary(), file);
			report.add(ReportFixtures.rows());
			report.finish();
		}
		try (Stream<Path> files = Files.list(dir); XSSFWorkbook workbook = read(file)) {
			assertThat(files).containsExactly(file);
			assertThat(workbook.getSheet("Certificates").getLastRowNum()).isEqualTo(ReportFixtures.rows().size());
		}
	}

	@Test
	void closeWithoutFinishWritesNothing() throws IOException {
		try (ExcelReport report = new ExcelReport()) {
			report.begin(ReportFixtures.summary(), dir.resolve("audit.xlsx"));
			report.add(ReportFixtures.rows());
		}
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files).isEmpty();
		}
	}

	private XSSFWorkbook write(RunSummary summary, List<ReportRow> rows) throws IOException {
		Path file = dir.resolve("audit.xlsx");
		try (ExcelReport report = new ExcelReport()) {
			report.begin(summary, file);
			report.addDiscovery(ReportFixtures.discoveredNames());
			report.add(rows.subList(0, rows.size() / 2));
			report.add(rows.subList(rows.size() / 2, rows.size()));
			report.finish();
		}
		return read(file);
	}

	static XSSFWorkbook read(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new XSSFWorkbook(in);
		}
	}

	/** Each row as its cells' displayed text joined by "|", blank cells as empty text. */
	private static List<String> texts(Sheet sheet) {
		List<String> lines = new ArrayList<>();
		for (Row row : sheet) {
			StringBuilder line = new StringBuilder();
			for (int column = 0; column < row.getLastCellNum(); column++) {
				line.append(column == 0 ? "" : "|").append(FORMATTER.formatCellValue(row.getCell(column)));
			}
			lines.add(line.toString());
		}
		return lines;
	}

	private static String argb(Status status) {
		return "FF%06X".formatted(StatusColours.rgb(status));
	}

}
