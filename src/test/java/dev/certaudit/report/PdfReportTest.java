package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import dev.certaudit.analysis.Status;
import dev.certaudit.report.pdf.PdfReport;

class PdfReportTest {

	@TempDir
	Path dir;

	@Test
	void pdfStartsWithTitleRunAndHeadlineCountsForEveryStatus() throws IOException {
		List<ReportRow> rows = ReportFixtures.rows().stream().filter(row -> row.status() != Status.CRITICAL).toList();
		String text = text(write(ReportFixtures.summaryOf(rows, List.of()), rows));
		assertThat(text).startsWith("TLS certificate audit")
			.contains("Run 42 · started 2026-05-22 08:00 UTC")
			.containsSubsequence("Status Endpoints", "ERROR 1", "EXPIRED 1", "NOT_YET_VALID 1", "CRITICAL 0",
					"WARNING 1", "OK 2", "Total 6", "Needs action first");
	}

	@Test
	void pdfHeadlineCountsDiscoveredNames() throws IOException {
		assertThat(text(write(ReportFixtures.summary(), ReportFixtures.rows())))
			.contains("Discovery: 3 names looked up in DNS, 2 found, 1 not found, 0 failed");
	}

	@Test
	void pdfListsActionRowsBeforeOkRows() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows()));
		assertThat(text).containsSubsequence("Needs action first",
				"Status Host:Port Address Days left",
				"ERROR down.example.org:443 192.0.2.1 web-team connect timed out after 5s",
				"EXPIRED old.example.org:443 192.0.2.2 -3 2026-05-19 web-team e_certificate_expired, w_sha1_signature",
				"NOT_YET_VALID early.example.org:443", "CRITICAL soon.example.org:443", "WARNING warn.example.org:443",
				"In good order", "OK fine.example.org:443", "OK also-fine.example.org:443");
		assertThat(text.substring(text.indexOf("In good order"))).doesNotContain(ReportFixtures
			.hostsOf(Status.ERROR, Status.EXPIRED, Status.NOT_YET_VALID, Status.CRITICAL, Status.WARNING)
			.toArray(String[]::new));
	}

	@Test
	void pdfSaysSoWhenNothingNeedsAction() throws IOException {
		List<ReportRow> rows = ReportFixtures.rows().stream().filter(row -> row.status() == Status.OK).toList();
		String text = text(write(ReportFixtures.summaryOf(rows, List.of()), rows));
		assertThat(text).containsSubsequence("Needs action first", "Nothing needs action", "In good order",
				"OK fine.example.org:443");
		assertThat(text).doesNotContain("Inventory lines skipped");
	}

	@Test
	void pdfListsRejectedInventoryLines() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows()));
		assertThat(text).containsSubsequence("In good order", "Inventory lines skipped", "Origin Reason",
				"hosts.csv:12 port is missing", "domains.txt:3 not a valid host name");
	}

	@Test
	void everyPageHasAFooterWithRunAndPageNumber() throws IOException {
		try (PdfReader reader = new PdfReader(write(ReportFixtures.summary(), ReportFixtures.rows()).toString())) {
			assertThat(new PdfTextExtractor(reader).getTextFromPage(1))
				.contains("cert-audit run 42 · generated 2026-05-22 08:17 UTC · page 1");
		}
	}

	@Test
	void pdfIsLandscapeA4() throws IOException {
		try (PdfReader reader = new PdfReader(write(ReportFixtures.summary(), ReportFixtures.rows()).toString())) {
			Rectangle page = reader.getPageSizeWithRotation(1);
			assertThat(page.getWidth()).isEqualTo(842);
			assertThat(page.getHeight()).isEqualTo(595);
		}
	}

	@Test
	void rowNeedingActionAfterOkRowsIsRefused() throws IOException {
		List<ReportRow> rows = ReportFixtures.rows();
		try (PdfReport report = new PdfReport()) {
			report.begin(ReportFixtures.summary(), dir.resolve("audit.pdf"));
			report.add(List.of(rows.getLast()));
			assertThatIllegalArgumentException().isThrownBy(() -> report.add(List.of(rows.getFirst())))
				.withMessageContaining("down.example.org:443 is ERROR");
		}
	}

	@Test
	void closeWithoutFinishWritesNothing() throws IOException {
		try (PdfReport report = new PdfReport()) {
			report.begin(ReportFixtures.summary(), dir.resolve("audit.pdf"));
			report.add(ReportFixtures.rows());
		}
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files).isEmpty();
		}
	}

	@Test
	void finishLeavesOnlyTheReport() throws IOException {
		Path file = write(ReportFixtures.summary(), ReportFixtures.rows());
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files).containsExactly(file);
		}
	}

	private Path write(RunSummary summary, List<ReportRow> rows) throws IOException {
		Path file = dir.resolve("audit.pdf");
		try (PdfReport report = new PdfReport()) {
			report.begin(summary, file);
			for (ReportRow row : rows) {
				report.add(List.of(row));
			}
			report.finish();
		}
		return file;
	}

	static String text(Path pdf) throws IOException {
		try (PdfReader reader = new PdfReader(pdf.toString())) {
			PdfTextExtractor extractor = new PdfTextExtractor(reader);
			StringBuilder text = new StringBuilder();
			for (int page = 1; page <= reader.getNumberOfPages(); page++) {
				text.append(extractor.getTextFromPage(page)).append('\n');
			}
			return text.toString();
		}
	}

}
