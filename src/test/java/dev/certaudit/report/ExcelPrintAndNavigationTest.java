package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.report.excel.ExcelReport;

/** What makes the workbook printable and easy to move around in, read back with POI. */
class ExcelPrintAndNavigationTest {

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
	void theColumnsNamingTheEndpointStayInViewWithTheHeader() throws IOException {
		try (XSSFWorkbook workbook = write(ReportFixtures.summary())) {
			for (String name : List.of("Certificates", "Findings", "Chains", "Discovery")) {
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
			report.addDiscovery(ReportFixtures.discoveredNames());
			report.addInstallations(ReportFixtures.installations());
			report.add(ReportFixtures.rows());
			report.finish();
		}
		return ExcelReportTest.read(file);
	}

}
