package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import dev.certaudit.analysis.Status;
import dev.certaudit.history.RunChanges;
import dev.certaudit.report.pdf.PdfReport;

class PdfReportTest {

	@TempDir
	Path dir;

	@Test
	void pdfStartsWithTitleRunHeadlineNumbersAndCountsForEveryStatus() throws IOException {
		List<ReportRow> rows = ReportFixtures.rows().stream().filter(row -> row.status() != Status.CRITICAL).toList();
		String text = text(write(ReportFixtures.summaryOf(rows, List.of()), rows));
		assertThat(text).startsWith("TLS certificate audit: Example Org")
			.contains("Run 42 · started 2026-05-22 08:00 UTC")
			.containsSubsequence("6\n endpoints audited", "4\n need action", "1\n expired", "1\n critical",
					"1\n warning", "1\n unreachable", "1\n certificates expire in 13")
			.containsSubsequence("Status Endpoints", "ERROR 1", "EXPIRED 1", "NOT_YET_VALID 1", "CRITICAL 0",
					"WARNING 1", "OK 2", "Total 6", "CRITICAL within 7 days of expiry, WARNING within",
					"Certificates expiring per week, next 13 weeks (1 in all)", "Needs action first");
	}

	@Test
	void firstPageCarriesTheExpiryChart() throws IOException {
		try (PdfReader reader = new PdfReader(write(ReportFixtures.summary(), ReportFixtures.rows()).toString())) {
			PdfDictionary resources = reader.getPageN(1).getAsDict(PdfName.RESOURCES);
			PdfDictionary images = resources.getAsDict(PdfName.XOBJECT);
			assertThat(images).isNotNull();
			assertThat(images.getKeys()).hasSize(1);
		}
	}

	@Test
	void pdfHeadlineCountsDiscoveredNames() throws IOException {
		assertThat(text(write(ReportFixtures.summary(), ReportFixtures.rows())))
			.contains("Discovery: 3 names looked up in DNS, 2 found, 1 not found, 0 failed");
	}

	@Test
	void actionListComesFirstMostUrgentFirstWithOwnersAndWhatIsWrong() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows()));
		String actions = text.substring(text.indexOf("Needs action first"), text.indexOf("Changes since run"));
		assertThat(actions).containsSubsequence("Status Host:Port Address", "What is wrong",
				"ERROR down.example.org:443 192.0.2.1 web-team connect timed out after 5s",
				"EXPIRED old.example.org:443 192.0.2.2 -3 2026-05-19 web-team, Jane Roe", "Rule e_certificate_expired matched",
				"NOT_YET_VALID early.example.org:443", "CRITICAL soon.example.org:443", "WARNING warn.example.org:443");
		assertThat(actions).doesNotContain(ReportFixtures.hostsOf(Status.OK).toArray(String[]::new));
	}

	@Test
	void longActionListIsCutWithACountOfTheRest() throws IOException {
		List<ReportRow> rows = IntStream.rangeClosed(1, RunSummary.ACTION_LIMIT + 30)
			.mapToObj(i -> ReportFixtures.rows().getFirst())
			.toList();
		String text = text(write(ReportFixtures.summaryOf(rows, List.of()), List.of()));
		assertThat(text).contains("… and 30 more endpoints needing action: the workbook lists them all.");
	}

	@Test
	void changesSinceThePreviousRunAreCountedAndListed() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows()));
		assertThat(text).containsSubsequence("Changes since run 41",
				"1 newly failing, 0 newly fixed, 1 renewed, 1 new endpoint, 1 disappeared.",
				"Change Host:Port Address Owner Before Now", "newly failing", "old.example.org:443",
				"OK, serial 19, until 2026-05-19", "EXPIRED, serial 19", "renewed", "fine.example.org:443",
				"WARNING, serial 0f", "OK, serial 10, until 2026-12-08", "new endpoint", "early.example.org:443",
				"not audited", "disappeared", "gone.example.org:443",
				"All endpoints");
	}

	@Test
	void firstRunSaysThereIsNothingToCompareYet() throws IOException {
		RunSummary summary = ReportFixtures.summary();
		RunSummary first = new RunSummary(summary.runId(), "", summary.startedAt(), summary.generatedAt(),
				summary.thresholds(), summary.inventories(), summary.countsByStatus(), summary.rejectedLines(),
				summary.namesByOutcome(), summary.actions(), summary.expiringByWeek(), RunChanges.FIRST_RUN,
				summary.labelKeys());
		String text = text(write(first, ReportFixtures.rows()));
		assertThat(text).startsWith("TLS certificate audit\n")
			.containsSubsequence("Changes", "This is the first complete run of these inventories");
	}

	@Test
	void fullTableListsEveryEndpointSoonestExpiryFirst() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows()));
		assertThat(text.substring(text.indexOf("All endpoints, soonest expiry first"))).containsSubsequence(
				"Status Host:Port Address", "Findings or error",
				"EXPIRED old.example.org:443 192.0.2.2 -3 2026-05-19 web-team, Jane Roe",
				"e_certificate_expired, w_sha1_signature", "CRITICAL soon.example.org:443",
				"WARNING warn.example.org:443", "OK fine.example.org:443", "OK also-fine.example.org:443",
				"NOT_YET_VALID early.example.org:443", "ERROR down.example.org:443 192.0.2.1 web-team connect timed out");
	}

	@Test
	void fullTableShowsTheProtocolEachHandshakeAgreed() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows()));
		String table = text.substring(text.indexOf("All endpoints, soonest expiry first"));
		assertThat(table).containsSubsequence("Owner", "TLS", "Findings or error",
				"EXPIRED old.example.org:443", "TLSv1.2 e_certificate_expired, w_sha1_signature",
				"CRITICAL soon.example.org:443 192.0.2.4 5 2026-05-27 web-team TLSv1.3 e_expires_within_7_days",
				"OK fine.example.org:443 192.0.2.6 200 2026-12-08 web-team TLSv1.3\n",
				"ERROR down.example.org:443 192.0.2.1 web-team connect timed out after 5s");
	}

	@Test
	void pdfSaysSoWhenNothingNeedsAction() throws IOException {
		List<ReportRow> rows = ReportFixtures.rows().stream().filter(row -> row.status() == Status.OK).toList();
		String text = text(write(ReportFixtures.summaryOf(rows, List.of()), rows));
		assertThat(text).containsSubsequence("Needs action first", "Nothing needs action", "All endpoints",
				"OK fine.example.org:443");
		assertThat(text).doesNotContain("Inventory lines skipped");
	}

	@Test
	void pdfListsRejectedInventoryLines() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows()));
		assertThat(text).containsSubsequence("All endpoints", "Inventory lines skipped", "Origin Reason",
				"hosts.csv:12 port is missing", "domains.txt:3 not a valid host name");
	}

	@Test
	void everyPageHasAFooterWithOrganisationRunAndPageNumber() throws IOException {
		try (PdfReader reader = new PdfReader(write(ReportFixtures.summary(), ReportFixtures.rows()).toString())) {
			PdfTextExtractor extractor = new PdfTextExtractor(reader);
			for (int page = 1; page <= reader.getNumberOfPages(); page++) {
				assertThat(extractor.getTextFromPage(page))
					.contains("Example Org · cert-audit run 42 · generated 2026-05-22 08:17 UTC · page " + page);
			}
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
	void certificateServedAtSeveralPlacesIsOneRowNamingEveryPlaceAndOwner() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows()));
		String section = text.substring(text.indexOf("Where each certificate is installed"),
				text.indexOf("All endpoints, soonest expiry first"));
		assertThat(section).containsSubsequence("Certificate Not after", "Places", "Where", "Owners",
				"CN=shop.example.org\n SHA-256 5a5a5a5a5a5a5a5a…",
				"2026-06-01 10 4 api.example.org:443 TLS (192.0.2.30)\n shop.example.org:443 TLS (192.0.2.20)\n"
						+ " shop.example.org:443 TLS (2001:db8::20)\n shop.example.org:8443 TLS (192.0.2.20)",
				"api-team, web-team");
		assertThat(section).doesNotContain("intranet.example.org");
	}

	@Test
	void manyCertificatesServedAtSeveralPlacesAreCutWithACountOfTheRest() throws IOException {
		Path file = dir.resolve("audit.pdf");
		try (PdfReport report = new PdfReport()) {
			report.begin(ReportFixtures.summary(), file);
			for (int i = 0; i < 53; i++) {
				String sha256 = "%064x".formatted(i);
				String subject = "CN=shared-" + i;
				report.addInstallations(IntStream.range(0, 12)
					.mapToObj((place) -> new Installation(sha256, subject, null, null, 12,
							"host-" + place + ".example.org", 443, "TLS", null, "team-" + place))
					.toList());
			}
			report.finish();
		}
		String text = text(file);
		assertThat(text).contains("CN=shared-49").doesNotContain("CN=shared-50")
			.contains("host-9.example.org:443").doesNotContain("host-10.example.org")
			.contains("… and 2 more")
			.contains("… and 3 more certificates served at several places: the workbook's Installed at sheet lists every place.");
	}

	@Test
	void runWithoutSharedCertificatesSaysSo() throws IOException {
		Path file = dir.resolve("audit.pdf");
		try (PdfReport report = new PdfReport()) {
			report.begin(ReportFixtures.summary(), file);
			report.addInstallations(ReportFixtures.installations().subList(4, 5));
			report.add(ReportFixtures.rows());
			report.finish();
		}
		assertThat(text(file)).containsSubsequence("Where each certificate is installed",
				"No certificate is served at more than one place.", "All endpoints, soonest expiry first");
	}

	@Test
	void ctDifferencesAreListedAfterTheInstallationsWithTheirCounts() throws IOException {
		Path file = dir.resolve("audit.pdf");
		try (PdfReport report = new PdfReport()) {
			report.begin(ReportFixtures.summary(), file);
			report.addInstallations(ReportFixtures.installations());
			report.addTransparency(ReportFixtures.transparency());
			report.add(ReportFixtures.rows());
			report.finish();
		}
		String text = text(file);
		assertThat(text).containsSubsequence("Where each certificate is installed", "Certificate Transparency",
				"issued, never seen deployed", "spare.example.org", "5ca1ab1e", "2026-07-01",
				"deployed, not in the CT export", "api.example.org:443 and 1 more", "forgotten.example.org",
				"1 issued, never seen deployed, 1 deployed, not in the CT export, 1 name in CT, not in the inventory.",
				"All endpoints, soonest expiry first");
	}

	@Test
	void ctExportThatAgreesWithTheRunIsSaidToAgree() throws IOException {
		Path file = dir.resolve("audit.pdf");
		try (PdfReport report = new PdfReport()) {
			report.begin(ReportFixtures.summary(), file);
			report.addTransparency(List.of());
			report.finish();
		}
		assertThat(text(file)).containsSubsequence("Certificate Transparency", "The CT export and the audited estate agree");
		assertThat(text(write(ReportFixtures.summary(), ReportFixtures.rows()))).doesNotContain("Certificate Transparency");
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
			report.addInstallations(ReportFixtures.installations().subList(0, 3));
			report.addInstallations(ReportFixtures.installations().subList(3, 5));
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
