package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.formula.ConditionalFormattingEvaluator;
import org.apache.poi.ss.formula.EvaluationConditionalFormatRule;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.analysis.Status;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.report.excel.ExcelReport;

/** What makes the workbook printable and easy to move around in, read back with POI. */
class ExcelPrintAndNavigationTest {

	private static final DataFormatter FORMATTER = new DataFormatter();

	@TempDir
	Path dir;

	@Test
	void everySheetPrintsLandscapeOneSheetWideWithItsHeaderRowOnEveryPage() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary())) {
			for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
				XSSFSheet sheet = workbook.getSheetAt(i);
				PrintSetup print = sheet.getPrintSetup();
				assertThat(print.getLandscape()).as(sheet.getSheetName()).isTrue();
				assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
				assertThat(print.getFitWidth()).as(sheet.getSheetName()).isEqualTo((short) 1);
				assertThat(sheet.getFooter().getRight()).as(sheet.getSheetName()).isEqualTo("page &P of &N");
				assertThat(sheet.getHeader().getCenter()).as(sheet.getSheetName())
					.isEqualTo("Example Org · cert-audit run 42 · &A");
				if (sheet.getSheetName().equals("Summary")) {
					assertThat(print.getFitHeight()).as("the Summary fits one page").isEqualTo((short) 1);
					assertThat(sheet.getRepeatingRows()).isNull();
				}
				else {
					assertThat(print.getFitHeight()).as(sheet.getSheetName() + " runs on as long as it needs")
						.isZero();
					assertThat(sheet.getRepeatingRows().formatAsString()).as(sheet.getSheetName()).isEqualTo("1:1");
				}
			}
		}
	}

	@Test
	void eachTablePrintsItsOwnColumnsAndCertificatesTheRenewalPlan() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary())) {
			// text that runs on past the last column is not printed, so it cannot shrink the page
			assertThat(workbook.getPrintArea(workbook.getSheetIndex("Findings")))
				.isEqualTo("Findings!$A$1:$K$" + (1 + ReportFixtures.findingCount()));
			assertThat(workbook.getPrintArea(workbook.getSheetIndex("Chains"))).isEqualTo("Chains!$A$1:$M$3");
			// the endpoint, its labels, status and validity, up to Not after: 22 columns would print too small
			XSSFSheet certificates = workbook.getSheet("Certificates");
			assertThat(workbook.getPrintArea(workbook.getSheetIndex(certificates))).isEqualTo("Certificates!$A$1:$K$8");
			assertThat(certificates.getRow(0).getCell(10).getStringCellValue()).isEqualTo("Not after (UTC)");
		}
	}

	@Test
	void theColumnsNamingTheEndpointStayInViewWithTheHeader() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary())) {
			for (String name : List.of("By owner", "Certificates", "Findings", "Chains", "Discovery", "Settings")) {
				assertThat(frozen(workbook.getSheet(name))).as(name).isEqualTo("1 column, 1 row");
			}
			assertThat(frozen(workbook.getSheet("Changes"))).as("change kind and host").isEqualTo("2 columns, 1 row");
			assertThat(frozen(workbook.getSheet("Errors"))).as("kind and where").isEqualTo("2 columns, 1 row");
			// the certificate's columns come first and are too wide to keep in view with the host
			assertThat(frozen(workbook.getSheet("Installed at"))).isEqualTo("0 columns, 1 row");
			assertThat(workbook.getSheet("Summary").getPaneInformation()).isNull();
		}
	}

	@Test
	void documentIsTitledAfterTheOrganisationAndDateAndWrittenByIt() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary())) {
			POIXMLProperties.CoreProperties core = workbook.getProperties().getCoreProperties();
			assertThat(core.getTitle()).isEqualTo("cert-audit report Example Org 2026-05-22");
			assertThat(core.getCreator()).isEqualTo("Example Org");
			assertThat(workbook.getProperties().getExtendedProperties().getApplication()).isEqualTo("cert-audit");
		}
	}

	@Test
	void withoutAnOrganisationCertAuditSignsTheDocument() throws IOException {
		RunSummary summary = ReportFixtures.summaryOfCounts(7, List.of("hosts.txt"), java.util.Map.of(), List.of());
		try (XSSFWorkbook workbook = write(summary)) {
			POIXMLProperties.CoreProperties core = workbook.getProperties().getCoreProperties();
			assertThat(core.getTitle()).isEqualTo("cert-audit report 2026-05-22");
			assertThat(core.getCreator()).isEqualTo("cert-audit");
			assertThat(workbook.getSheet("Summary").getHeader().getCenter()).isEqualTo("cert-audit run 7 · &A");
		}
	}

	@Test
	void eachFindingLinksToItsEndpointsRowOnTheCertificatesSheet() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary())) {
			XSSFSheet findings = workbook.getSheet("Findings");
			XSSFSheet certificates = workbook.getSheet("Certificates");
			List<String> targets = new ArrayList<>();
			for (int i = 1; i <= findings.getLastRowNum(); i++) {
				Cell host = findings.getRow(i).getCell(0);
				assertThat(host.getCellType()).isEqualTo(CellType.FORMULA);
				Matcher link = Pattern.compile("HYPERLINK\\(\"#Certificates!A(\\d+)\",\"([^\"]+)\"\\)")
					.matcher(host.getCellFormula());
				assertThat(link.matches()).as(host.getCellFormula()).isTrue();
				int targetRow = Integer.parseInt(link.group(1));
				assertThat(certificates.getRow(targetRow - 1).getCell(0).getStringCellValue())
					.isEqualTo(host.getStringCellValue())
					.isEqualTo(link.group(2));
				targets.add(host.getStringCellValue() + " -> row " + targetRow);
			}
			assertThat(targets).containsExactly("old.example.org -> row 2", "old.example.org -> row 2",
					"soon.example.org -> row 3", "warn.example.org -> row 4", "early.example.org -> row 7");
		}
	}

	@Test
	void summaryEndsWithALinkToEverySheetAndWhatItHolds() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary())) {
			XSSFSheet summary = workbook.getSheet("Summary");
			List<String> links = new ArrayList<>();
			for (XSSFHyperlink link : summary.getHyperlinkList()) {
				Row row = summary.getRow(link.getFirstRow());
				assertThat(row.getCell(1).getStringCellValue()).as(link.getAddress()).isNotBlank();
				links.add(link.getType() + " " + link.getAddress() + " " + row.getCell(0).getStringCellValue());
			}
			assertThat(links).containsExactly("DOCUMENT 'History'!A1 History", "DOCUMENT 'By owner'!A1 By owner",
					"DOCUMENT 'Certificates'!A1 Certificates",
					"DOCUMENT 'Findings'!A1 Findings", "DOCUMENT 'Chains'!A1 Chains",
					"DOCUMENT 'Installed at'!A1 Installed at", "DOCUMENT 'Changes'!A1 Changes",
					"DOCUMENT 'Discovery'!A1 Discovery", "DOCUMENT 'Errors'!A1 Errors",
					"DOCUMENT 'Settings'!A1 Settings");
			assertThat(summary.getRow(summary.getHyperlinkList().getFirst().getFirstRow() - 1).getCell(0)
				.getStringCellValue()).isEqualTo("Sheets");
		}
	}

	@Test
	void daysLeftIsColouredByTheThresholdsTheRunJudgedWith() throws IOException {
		RunSummary sample = ReportFixtures.summary();
		// three weeks' notice to act, four months' to plan: warn (20 days) is critical, not a warning
		RunSummary summary = new RunSummary(sample.runId(), sample.organisation(), sample.startedAt(),
				sample.generatedAt(), new Thresholds(21, 120), sample.inventories(), sample.countsByStatus(),
				sample.rejectedLines(), sample.namesByOutcome(), sample.actions(), sample.expiringByWeek(),
				sample.changes(), sample.owners(), sample.trend(), sample.labelKeys(), sample.judgement());
		try (XSSFWorkbook workbook = write(summary)) {
			XSSFSheet certificates = workbook.getSheet("Certificates");
			assertThat(daysLeftColours(workbook, certificates, 8)).containsExactly("old.example.org -3 EXPIRED",
					"soon.example.org 5 CRITICAL", "warn.example.org 20 CRITICAL", "fine.example.org 200 none",
					"also-fine.example.org 300 none", "early.example.org 400 none", "down.example.org  none");
			assertThat(daysLeftColours(workbook, workbook.getSheet("By owner"), 4))
				.containsExactly("web-team -3 EXPIRED");
			assertThat(daysLeftColours(workbook, workbook.getSheet("Installed at"), 3))
				.containsExactly("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a 10 CRITICAL",
						"5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a 10 CRITICAL",
						"5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a 10 CRITICAL",
						"5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a 10 CRITICAL",
						"6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b6b 102 WARNING");
		}
		try (XSSFWorkbook workbook = write(sample)) {
			assertThat(daysLeftColours(workbook, workbook.getSheet("Certificates"), 8)).contains(
					"soon.example.org 5 CRITICAL", "warn.example.org 20 WARNING", "fine.example.org 200 none");
		}
	}

	/**
	 * Each row's first cell and days left with the status whose colour the conditional formatting that
	 * wins (the first that applies) fills its cell with, as Excel evaluates it.
	 */
	private static List<String> daysLeftColours(XSSFWorkbook workbook, XSSFSheet sheet, int column) {
		assertThat(sheet.getRow(0).getCell(column).getStringCellValue()).isEqualTo("Days left");
		ConditionalFormattingEvaluator evaluator = new ConditionalFormattingEvaluator(workbook,
				workbook.getCreationHelper().createFormulaEvaluator());
		List<String> colours = new ArrayList<>();
		for (int i = 1; i <= sheet.getLastRowNum(); i++) {
			Row row = sheet.getRow(i);
			Cell daysLeft = row.getCell(column, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK);
			List<EvaluationConditionalFormatRule> rules = evaluator.getConditionalFormattingForCell(daysLeft);
			String colour = rules.isEmpty() ? "none"
					: statusOf(((XSSFColor) rules.getFirst().getRule().getPatternFormatting()
						.getFillBackgroundColorColor()).getARGBHex());
			colours.add(row.getCell(0).getStringCellValue() + " " + FORMATTER.formatCellValue(daysLeft) + " " + colour);
		}
		return colours;
	}

	private static String statusOf(String argb) {
		return Stream.of(Status.EXPIRED, Status.CRITICAL, Status.WARNING)
			.filter((status) -> argb.equals("FF%06X".formatted(StatusColours.rgb(status))))
			.map(Status::name)
			.findFirst()
			.orElse(argb);
	}

	private static String frozen(XSSFSheet sheet) {
		PaneInformation pane = sheet.getPaneInformation();
		assertThat(pane.isFreezePane()).as(sheet.getSheetName()).isTrue();
		int columns = pane.getVerticalSplitPosition();
		int rows = pane.getHorizontalSplitPosition();
		return columns + ((columns == 1) ? " column, " : " columns, ") + rows + ((rows == 1) ? " row" : " rows");
	}

	private XSSFWorkbook write(RunSummary summary) throws IOException {
		Path file = this.dir.resolve("audit.xlsx");
		try (ExcelReport report = new ExcelReport()) {
			report.begin(summary, file);
			report.addOwners(ReportFixtures.owners());
			report.addDiscovery(ReportFixtures.discoveredNames());
			report.addInstallations(ReportFixtures.installations());
			report.add(ReportFixtures.rows());
			report.finish();
		}
		return ExcelReportTest.read(file);
	}

}
