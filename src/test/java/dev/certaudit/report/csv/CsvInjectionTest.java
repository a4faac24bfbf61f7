package dev.certaudit.report.csv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a server puts in its certificate must not run as a formula in the spreadsheet that opens the export. */
class CsvInjectionTest {

	@Test
	void textAFormulaWouldStartWithIsPrefixedWithAQuote() {
		assertThat(CsvReport.quoted("=HYPERLINK(\"http://evil.test\";\"click\")"))
			.isEqualTo("\"'=HYPERLINK(\"\"http://evil.test\"\";\"\"click\"\")\"");
		assertThat(CsvReport.quoted("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
		assertThat(CsvReport.quoted("+SUM(1)")).isEqualTo("'+SUM(1)");
		assertThat(CsvReport.quoted("-2+3")).isEqualTo("'-2+3");
		assertThat(CsvReport.quoted("@evil")).isEqualTo("'@evil");
		assertThat(CsvReport.quoted("\tx")).isEqualTo("'\tx");
	}

	@Test
	void numbersAndOrdinaryTextAreLeftAsTheyAre() {
		assertThat(CsvReport.quoted("-3")).isEqualTo("-3");
		assertThat(CsvReport.quoted("+12.5")).isEqualTo("+12.5");
		assertThat(CsvReport.quoted("www.example.test")).isEqualTo("www.example.test");
		assertThat(CsvReport.quoted("2026-05-22T08:00:00Z")).isEqualTo("2026-05-22T08:00:00Z");
	}

}
