package dev.certaudit.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.certaudit.report.ReportDocument;
import dev.certaudit.report.ReportFormat;
import dev.certaudit.report.csv.EndpointsCsv;
import dev.certaudit.report.csv.FindingsCsv;
import dev.certaudit.report.excel.ExcelReport;
import dev.certaudit.report.json.JsonReport;

class ReportFormatsTest {

	@Test
	void csvIsTwoFilesAndFormatsAreWrittenInOneOrderWhateverTheSettingsOrder() {
		assertThat(classes(AuditJobConfiguration.documents(List.of(ReportFormat.JSON, ReportFormat.CSV,
				ReportFormat.XLSX, ReportFormat.JSON))))
			.containsExactly(ExcelReport.class, EndpointsCsv.class, FindingsCsv.class, JsonReport.class);
	}

	private static List<Class<?>> classes(List<Supplier<ReportDocument>> documents) {
		return documents.stream().<Class<?>>map((document) -> document.get().getClass()).toList();
	}

}
