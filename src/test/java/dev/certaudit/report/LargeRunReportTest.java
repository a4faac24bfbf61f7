package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.report.csv.EndpointsCsv;
import dev.certaudit.report.excel.ExcelReport;
import dev.certaudit.report.json.JsonReport;
import dev.certaudit.report.pdf.PdfReport;

/**
 * Ten thousand endpoints, each with a two-certificate chain and a finding, written into both formats in a
 * JVM of 48 MiB heap (the {@code bounded-heap} Surefire execution): rows are made as they are written and
 * never held, so the test fails with OutOfMemoryError if a report keeps its rows.
 */
@Tag("bounded-heap")
class LargeRunReportTest {

	private static final int ENDPOINTS = 10_000;

	private static final int CHUNK = 500;

	/** One finding on every endpoint, so the Findings sheet is as long as the Certificates sheet. */
	private static final FindingView ROOT_SENT = new FindingView("INFO_CHAIN_ROOT_SENT", Severity.INFO,
			"The server sends its root", "Leave the root out of the chain");

	@TempDir
	Path dir;

	@Test
	void tenThousandEndpointsStreamIntoBothFormatsWithinASmallHeap() throws Exception {
		assertThat(Runtime.getRuntime().maxMemory()).as("the heap this test runs in").isLessThanOrEqualTo(48L << 20);
		RunSummary sample = ReportFixtures.summary();
		RunSummary summary = new RunSummary(sample.runId(), sample.organisation(), sample.startedAt(),
				sample.generatedAt(), sample.thresholds(), sample.inventories(), Map.of(Status.OK, (long) ENDPOINTS),
				List.of(), Map.of(), List.of(), sample.expiringByWeek(), sample.changes(), sample.owners(),
				sample.trend(), sample.labelKeys(), sample.judgement());

		Path xlsx = write(new ExcelReport(), "large.xlsx", summary);
		// the event API reads the sheet XML as a stream; a DOM workbook of this size would not fit the heap
		try (OPCPackage pkg = OPCPackage.open(xlsx.toFile(), PackageAccess.READ)) {
			XSSFReader reader = new XSSFReader(pkg);
			// SXSSF writes strings inline, so the last row's host name is in the sheet's own XML
			assertThat(sheetContains(reader, "Certificates", "<row r=\"" + (ENDPOINTS + 1) + "\"")).isTrue();
			assertThat(sheetContains(reader, "Certificates", "host-" + ENDPOINTS + ".example.org")).isTrue();
			assertThat(sheetContains(reader, "Chains", "<row r=\"" + (2 * ENDPOINTS + 1) + "\"")).isTrue();
			// each finding links to its endpoint's row, by a formula that is written out with its row
			assertThat(sheetContains(reader, "Findings",
					"<f>HYPERLINK(&quot;#Certificates!A" + (ENDPOINTS + 1) + "&quot;,&quot;host-" + ENDPOINTS
							+ ".example.org&quot;)</f>"))
				.isTrue();
		}

		Path pdf = write(new PdfReport(), "large.pdf", summary);
		try (PdfReader reader = new PdfReader(pdf.toString())) {
			int pages = reader.getNumberOfPages();
			assertThat(pages).isGreaterThan(100);
			String lastPage = new PdfTextExtractor(reader).getTextFromPage(pages);
			assertThat(lastPage).contains("host-" + ENDPOINTS + ".example.org:443", "page " + pages);
		}
	}

	@Test
	void tenThousandEndpointsStreamIntoTheCsvAndJsonExportsWithinASmallHeap() throws Exception {
		RunSummary summary = ReportFixtures.summary();

		Path endpoints = write(new EndpointsCsv(), "large-endpoints.csv", summary);
		try (Stream<String> lines = Files.lines(endpoints)) {
			assertThat(lines.count()).isEqualTo(ENDPOINTS + 1);
		}
		Path json = write(new JsonReport(), "large.json", summary);
		try (JsonParser parser = new JsonFactory().createParser(ObjectReadContext.empty(), json.toFile())) {
			long hosts = 0;
			for (JsonToken token; (token = parser.nextToken()) != null;) {
				if (token == JsonToken.PROPERTY_NAME && parser.currentName().equals("host")) {
					hosts++;
				}
			}
			assertThat(hosts).isEqualTo(ENDPOINTS);
		}
	}

	private Path write(ReportDocument report, String name, RunSummary summary) throws IOException {
		Path file = this.dir.resolve(name);
		try (report) {
			report.begin(summary, file);
			for (int from = 1; from <= ENDPOINTS; from += CHUNK) {
				report.add(IntStream.range(from, from + CHUNK)
					.mapToObj((i) -> ReportFixtures.okRow(i).with(List.of(ROOT_SENT), ReportFixtures.OLD_CHAIN))
					.toList());
			}
			report.finish();
		}
		return file;
	}

	/** Whether the named sheet's XML holds the text, read a window at a time rather than whole. */
	private static boolean sheetContains(XSSFReader reader, String name, String text)
			throws IOException, InvalidFormatException {
		XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
		while (sheets.hasNext()) {
			try (InputStream in = sheets.next()) {
				if (sheets.getSheetName().equals(name)) {
					byte[] window = new byte[64 * 1024];
					String carried = "";
					for (int read; (read = in.read(window)) > 0;) {
						String seen = carried + new String(window, 0, read, StandardCharsets.ISO_8859_1);
						if (seen.contains(text)) {
							return true;
						}
						carried = seen.substring(Math.max(0, seen.length() - text.length()));
					}
					return false;
				}
			}
		}
		throw new IllegalArgumentException("no sheet " + name);
	}

}
