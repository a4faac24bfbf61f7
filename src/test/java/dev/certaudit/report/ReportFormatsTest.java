package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Thresholds;
import dev.certaudit.report.csv.EndpointsCsv;
import dev.certaudit.report.csv.FindingsCsv;
import dev.certaudit.report.excel.ExcelReport;
import dev.certaudit.report.ics.RenewalCalendar;
import dev.certaudit.report.json.JsonReport;

class ReportFormatsTest {

	@Test
	void csvIsTwoFilesAndFormatsAreWrittenInOneOrderWhateverTheSettingsOrder() {
		assertThat(ReportFormat
			.outputs(List.of(ReportFormat.ICS, ReportFormat.JSON, ReportFormat.CSV, ReportFormat.XLSX, ReportFormat.JSON))
			.stream()
			.<Class<?>>map((output) -> output.document().apply(new ReportSettings("", Thresholds.DEFAULTS, List.of(), null, 30)).getClass())
			.toList()).containsExactly(ExcelReport.class, EndpointsCsv.class, FindingsCsv.class, JsonReport.class,
					RenewalCalendar.class);
	}

	@Test
	void reportsAreNamedAfterTheRunDate() {
		assertThat(ReportFormat.fileNames(List.of(ReportFormat.values()), ReportFixtures.summary())).containsExactly(
				"cert-audit-2026-05-22.xlsx", "cert-audit-2026-05-22.pdf", "cert-audit-2026-05-22-endpoints.csv",
				"cert-audit-2026-05-22-findings.csv", "cert-audit-2026-05-22.json", "cert-audit-2026-05-22.ics");
	}

}
