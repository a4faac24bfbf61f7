package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfDictionary;
import org.openpdf.text.pdf.PdfName;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.history.ChangeKind;
import dev.certaudit.history.EndpointChange;
import dev.certaudit.history.EndpointChange.Side;
import dev.certaudit.history.RunChanges;
import dev.certaudit.inventory.RejectedLine;
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
					"1\n warning", "1\n error", "1\n certificates expire in 13")
			.containsSubsequence("Status Endpoints", "ERROR 1", "EXPIRED 1", "NOT_YET_VALID 1", "CRITICAL 0",
					"WARNING 1", "OK 2", "Total 6", "CRITICAL within 7 days of expiry, WARNING within",
					"Certificates expiring per week, next 13 weeks (1 in all)", "Needs action first");
	}

	@Test
	void pdfOpensWithTheRunInOneSentence() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows())).replaceAll("\\s+", " ");
		assertThat(text).containsSubsequence("Run 42 · started",
				"5 of 7 endpoints need action; 1 expired, 1 not yet valid, 1 unreachable; 2 certificates expire in the"
						+ " next 13 weeks.",
				"endpoints audited");
	}

	/** What a file manager, a search index and a viewer's title bar show before anyone opens the file. */
	@Test
	void pdfNamesItsTitleAuthorAndSubject() throws IOException {
		try (PdfReader reader = new PdfReader(write(ReportFixtures.summary(), ReportFixtures.rows()).toString())) {
			assertThat(reader.getInfo()).containsEntry("Title", "TLS certificate audit: Example Org, run 42")
				.containsEntry("Author", "Example Org")
				.containsEntry("Subject", Headline.of(ReportFixtures.summary()))
				.containsEntry("Creator", "cert-audit");
		}
	}

	/** Beside the thresholds, the first page names every setting the verdicts followed by their digest. */
	@Test
	void firstPageNamesTheSettingsTheRunWasJudgedBy() throws IOException {
		try (PdfReader reader = new PdfReader(write(ReportFixtures.summary(), ReportFixtures.rows()).toString())) {
			assertThat(text(new PdfTextExtractor(reader), 1).replaceAll("\\s+", " ")).containsSubsequence(
					"CRITICAL within 7 days of expiry, WARNING within 30 days.",
					"Judged with settings 1a2b3c4d5e6f (listed in the workbook's Settings sheet).");
		}
	}

	@Test
	void runThatRecordedNoSettingsIsReportedWithoutNamingThem() throws IOException {
		String text = text(write(ReportFixtures.summaryWithoutJudgement(), ReportFixtures.rows()));
		assertThat(text).contains("CRITICAL within 7 days of expiry", "All endpoints").doesNotContain("Judged with");
	}

	@Test
	void firstPageCarriesTheExpiryChart() throws IOException {
		try (PdfReader reader = new PdfReader(write(ReportFixtures.summary(), ReportFixtures.rows()).toString())) {
			assertThat(images(reader, 1)).isNotEmpty();
		}
	}

	@Test
	void trendChartsTheRunsOfTheseInventoriesWithTheirDatesOnItsAxis() throws IOException {
		Path pdf = write(ReportFixtures.summary(), ReportFixtures.rows());
		try (PdfReader reader = new PdfReader(pdf.toString())) {
			PdfTextExtractor extractor = new PdfTextExtractor(reader);
			int page = IntStream.rangeClosed(1, reader.getNumberOfPages())
				.filter((p) -> text(extractor, p).contains("Trend: the last 3 runs of these inventories"))
				.findFirst()
				.orElseThrow();
			assertThat(images(reader, page)).as("images on the trend's page %d", page)
				.hasSize((page == 1) ? 2 : 1);
		}
	}

	@Test
	void firstRunOfTheseInventoriesSaysTheTrendStartsWithTheNext() throws IOException {
		RunSummary summary = ReportFixtures.summary();
		RunSummary first = new RunSummary(summary.runId(), summary.organisation(), summary.startedAt(),
				summary.generatedAt(), summary.thresholds(), summary.inventories(), summary.countsByStatus(),
				summary.rejectedLines(), summary.namesByOutcome(), summary.actions(), summary.expiringByWeek(),
				summary.changes(), summary.owners(), summary.trend().subList(2, 3), summary.labelKeys(), summary.judgement());
		Path pdf = write(first, ReportFixtures.rows());
		assertThat(text(pdf)).containsSubsequence("Trend",
				"This is the first complete run of these inventories: the trend starts with the next one.",
				"Needs action first");
		try (PdfReader reader = new PdfReader(pdf.toString())) {
			assertThat(IntStream.rangeClosed(1, reader.getNumberOfPages()).map((page) -> images(reader, page).size())
				.sum()).as("images: the outlook's chart alone").isEqualTo(1);
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
	void manyOwnersAreCutWithACountOfTheRestAndTheirEndpoints() throws IOException {
		RunSummary summary = ReportFixtures.summary();
		RunSummary manyOwners = new RunSummary(summary.runId(), summary.organisation(), summary.startedAt(),
				summary.generatedAt(), summary.thresholds(), summary.inventories(), summary.countsByStatus(),
				summary.rejectedLines(), summary.namesByOutcome(), summary.actions(), summary.expiringByWeek(),
				summary.changes(), IntStream.rangeClosed(1, 30)
					.mapToObj((i) -> new OwnerSummary("team-" + i, 2, 1, null, null, Map.of()))
					.toList(),
				summary.trend(), summary.labelKeys(), summary.judgement());
		String text = text(write(manyOwners, ReportFixtures.rows()));
		assertThat(text).contains("team-25").doesNotContain("team-26")
			.contains("… and 5 more owners, with 10 endpoints between them.");
	}

	@Test
	void renewalsThatChangedNoStatusAreCountedInOneLineAndNotListed() throws IOException {
		RunSummary summary = ReportFixtures.summary();
		List<EndpointChange> changes = new ArrayList<>(summary.changes().changes());
		for (int i = 1; i <= 15; i++) {
			changes.add(new EndpointChange(ChangeKind.RENEWED, "renewed-" + i + ".example.org", 443, "TLS",
					"192.0.2." + (100 + i), "web-team",
					new Side(Status.OK, "a" + i, "aa".repeat(32), Instant.parse("2026-07-01T00:00:00Z")),
					new Side(Status.OK, "b" + i, "bb".repeat(32), Instant.parse("2027-07-01T00:00:00Z"))));
		}
		RunSummary renewed = new RunSummary(summary.runId(), summary.organisation(), summary.startedAt(),
				summary.generatedAt(), summary.thresholds(), summary.inventories(), summary.countsByStatus(),
				summary.rejectedLines(), summary.namesByOutcome(), summary.actions(), summary.expiringByWeek(),
				new RunChanges(ReportFixtures.PREVIOUS_RUN_ID, null, changes), summary.owners(),
				summary.trend(), summary.labelKeys(), summary.judgement());
		String text = text(write(renewed, ReportFixtures.rows()));

		String section = text.substring(text.indexOf("Changes since run 41"), text.indexOf("Where each certificate"));
		assertThat(section).containsSubsequence("1 newly failing, 0 newly fixed, 16 renewed, 1 new endpoint, 1 disappeared.",
				"15 endpoints were renewed without a change of status: the workbook's Changes sheet lists them.",
				"newly failing", "old.example.org:443", "renewed", "fine.example.org:443", "WARNING, serial 0f",
				"new endpoint", "early.example.org:443", "disappeared", "gone.example.org:443")
			.doesNotContain("renewed-");
	}

	@Test
	void firstRunSaysThereIsNothingToCompareYet() throws IOException {
		RunSummary summary = ReportFixtures.summary();
		RunSummary first = new RunSummary(summary.runId(), "", summary.startedAt(), summary.generatedAt(),
				summary.thresholds(), summary.inventories(), summary.countsByStatus(), summary.rejectedLines(),
				summary.namesByOutcome(), summary.actions(), summary.expiringByWeek(), RunChanges.FIRST_RUN,
				summary.owners(),
				summary.trend(),
				summary.labelKeys(), summary.judgement());
		String text = text(write(first, ReportFixtures.rows()));
		assertThat(text).startsWith("TLS certificate audit\n")
			.containsSubsequence("Changes", "This is the first complete run of these inventories");
	}

	@Test
	void fullTableListsEveryEndpointSoonestExpiryFirst() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows()));
		assertThat(text.substring(text.indexOf("All endpoints, soonest expiry first"))).containsSubsequence(
				"Status Host:Port Address", "What is wrong",
				"EXPIRED old.example.org:443 192.0.2.2 -3 2026-05-19 web-team, Jane Roe",
				"Rule e_certificate_expired matched", "CRITICAL soon.example.org:443",
				"WARNING warn.example.org:443", "OK fine.example.org:443", "OK also-fine.example.org:443",
				"NOT_YET_VALID early.example.org:443", "ERROR down.example.org:443 192.0.2.1 web-team connect timed out");
	}

	@Test
	void fullTableShowsTheProtocolEachHandshakeAgreed() throws IOException {
		String text = text(write(ReportFixtures.summary(), ReportFixtures.rows()));
		String table = text.substring(text.indexOf("All endpoints, soonest expiry first"));
		assertThat(table).containsSubsequence("Owner", "TLS", "What is wrong",
				"EXPIRED old.example.org:443", "TLSv1.2 Rule e_certificate_expired matched",
				"CRITICAL soon.example.org:443 192.0.2.4 5 2026-05-27 web-team TLSv1.3 Rule e_expires_within_7_days",
				"OK fine.example.org:443 192.0.2.6 200 2026-12-08 web-team TLSv1.3\n",
				"ERROR down.example.org:443 192.0.2.1 web-team connect timed out after 5s");
	}

	@Test
	void whatIsWrongIsSaidInPlainWordsOnceEachWithoutRuleIdsTimestampsOrUrls() throws IOException {
		ReportRow shop = ReportFixtures.rows().get(1).with(List.of(
				new FindingView("CRIT_CERT_EXPIRING", Severity.CRITICAL,
						"expires on 2026-05-27T09:00:00Z, in 5 days (threshold 7)", "Renew"),
				new FindingView("CRIT_CHAIN_MISSING_INTERMEDIATE", Severity.CRITICAL,
						"missing intermediate, recoverable by clients that fetch AIA (some browsers) from"
								+ " http://ca.example.org/issuing.crt; fails for Java, mail clients, API clients, Firefox",
						"Install the full chain"),
				new FindingView("CRIT_KEY_WEAK", Severity.CRITICAL, "the leaf has an RSA key of 1024 bits", "New key"),
				new FindingView("CRIT_KEY_WEAK", Severity.CRITICAL, "CN=Old CA has an RSA key of 1024 bits", "New key"),
				new FindingView("INFO_CHAIN_ROOT_SENT", Severity.INFO, "the server sends its root", "Optional")),
				List.of());
		ReportRow down = ReportFixtures.rows().getLast().with(List.of(new FindingView("ERROR_ENDPOINT_UNREACHABLE",
				Severity.ERROR, "connection refused", "Check the host")), List.of());
		List<ReportRow> rows = List.of(shop, down);
		// a reason may wrap in its cell
		String text = text(write(ReportFixtures.summaryOf(rows, List.of()), rows)).replaceAll("\\s+", " ");

		String[] reasons = { "The certificate expires in the next few days: renew it now.",
				"The server leaves out part of its certificate chain, so many clients cannot trust it.",
				"The certificate uses a key too weak to be safe." };
		String actions = text.substring(text.indexOf("Needs action first"), text.indexOf("Changes since run"));
		assertThat(actions).containsSubsequence(reasons).contains("The service could not be reached");
		String table = text.substring(text.indexOf("All endpoints, soonest expiry first"));
		assertThat(table).containsSubsequence(reasons).contains("The service could not be reached");
		assertThat(table.split("The certificate uses a key too weak", -1)).hasSize(2);
		assertThat(text).doesNotContain("CRIT_", "WARN_", "INFO_", "T09:00:00Z", "http://", "root",
				"Connection refused");
	}

	/** The PDF travels beyond the machine: inventories, certificate files and skipped lines by file name alone. */
	@Test
	void pdfNamesFilesWithoutTheirFolders() throws IOException {
		String inventories = this.dir.resolve("inventories").toString();
		String certificateFile = this.dir.resolve("deploy").resolve("shop.pem").toString();
		ReportRow file = new ReportRow(9, certificateFile, 0, "FILE", null, "web-team", null, "", Status.EXPIRED, -3,
				null, ReportFixtures.EXPIRED_NOT_AFTER, "CN=shop.example.org", "CN=Example Issuing CA", List.of(), "99",
				"9f".repeat(32), List.of(), List.of(), null, 1, null, null, null);
		List<ReportRow> rows = List.of(file, ReportFixtures.rows().getFirst());
		RunSummary summary = ReportFixtures.summaryOf(rows,
				List.of(new RejectedLine(inventories + "/hosts.txt:12", "mail.example.org;smtp", "port is missing")));
		RunSummary withPaths = new RunSummary(summary.runId(), summary.organisation(), summary.startedAt(),
				summary.generatedAt(), summary.thresholds(),
				List.of("hosts:" + inventories + "/hosts.txt", "cert_files:" + this.dir.resolve("deploy")),
				summary.countsByStatus(), summary.rejectedLines(), summary.namesByOutcome(), summary.actions(),
				summary.expiringByWeek(), new RunChanges(41L, null, List.of(new EndpointChange(ChangeKind.NEWLY_FAILING,
						certificateFile, 0, "FILE", null, "web-team", null, null))), summary.owners(),
				summary.trend(), summary.labelKeys(), summary.judgement());
		Path pdf = this.dir.resolve("audit.pdf");
		try (PdfReport report = new PdfReport()) {
			report.begin(withPaths, pdf);
			report.addInstallations(List.of(
					new Installation("9f".repeat(32), "CN=shop.example.org", null, -3, 2, certificateFile, 0, "FILE", null,
							"web-team"),
					new Installation("9f".repeat(32), "CN=shop.example.org", null, -3, 2, "shop.example.org", 443, "TLS",
							"192.0.2.20", "web-team")));
			report.add(rows);
			report.finish();
		}
		String text = text(pdf).replaceAll("\\s+", " ");

		assertThat(text).contains("inventories: hosts.txt, deploy")
			.containsSubsequence("Needs action first", "EXPIRED shop.pem", "Changes since run 41", "newly failing", "shop.pem",
					"Where each certificate is installed", "shop.pem FILE", "All endpoints", "EXPIRED shop.pem",
					"Inventory lines skipped", "hosts.txt:12 port is missing")
			.doesNotContain(this.dir.getFileName().toString());
	}

	@Test
	void tableByOwnerCountsEndpointsAndThoseNeedingActionWithTheSoonestExpiryAndTheUnlabelledLast()
			throws IOException {
		List<ReportRow> rows = ReportFixtures.rows();
		RunSummary summary = ReportFixtures.summary();
		RunSummary byOwner = new RunSummary(summary.runId(), summary.organisation(), summary.startedAt(),
				summary.generatedAt(), summary.thresholds(), summary.inventories(), summary.countsByStatus(),
				summary.rejectedLines(), summary.namesByOutcome(), summary.actions(), summary.expiringByWeek(),
				summary.changes(), List.of(new OwnerSummary("web-team", 5, 4, ReportFixtures.EXPIRED_NOT_AFTER, -3, Map.of()),
						new OwnerSummary("it-ops", 1, 0, Instant.parse("2026-12-08T09:00:00Z"), 200, Map.of()),
						new OwnerSummary(null, 1, 1, null, null, Map.of())),
				summary.trend(), summary.labelKeys(), summary.judgement());
		String text = text(write(byOwner, rows));

		String table = text.substring(text.indexOf("By owner"), text.indexOf("Needs action first"));
		assertThat(table).containsSubsequence("Owner Endpoints Need action", "Soonest expiry", "Days left",
				"web-team 5 4 2026-05-19 -3", "it-ops 1 0 2026-12-08 200", "no owner");
		// the extractor leaves out the space between cells at times
		assertThat(table).containsPattern("no owner\\s*1\\s*1");
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
	void everyPageHasAFooterWithOrganisationRunAndPageNumberOfThePages() throws IOException {
		try (PdfReader reader = new PdfReader(write(ReportFixtures.summary(), ReportFixtures.rows()).toString())) {
			PdfTextExtractor extractor = new PdfTextExtractor(reader);
			int pages = reader.getNumberOfPages();
			assertThat(pages).isGreaterThan(1);
			for (int page = 1; page <= pages; page++) {
				// the count is drawn once the document closes, apart from the page's text
				assertThat(extractor.getTextFromPage(page).replaceAll("\\s+", " ")).contains(
						"Example Org · cert-audit run 42 · generated 2026-05-22 08:17 UTC · page " + page + " of " + pages);
			}
		}
	}

	/**
	 * However long the action list, no heading ends a page without its table: the sections below it move
	 * down with every row, so one of these layouts puts each heading near a page's foot.
	 */
	@Test
	void headingsStayWithTheirTables() throws IOException {
		Map<String, String> followers = Map.of("By owner", "Owner Endpoints", "Needs action first", "Status Host:Port",
				"Changes since run", "Change Host:Port", "Where each certificate is installed", "Certificate Not after",
				"All endpoints, soonest expiry first", "Status Host:Port", "Inventory lines skipped", "Origin Reason");
		for (int actions = 1; actions <= 12; actions++) {
			List<ReportRow> rows = IntStream.range(0, actions).mapToObj(i -> ReportFixtures.rows().getFirst()).toList();
			Path pdf = write(ReportFixtures.summaryOf(rows, ReportFixtures.REJECTED_LINES), ReportFixtures.rows());
			try (PdfReader reader = new PdfReader(pdf.toString())) {
				PdfTextExtractor extractor = new PdfTextExtractor(reader);
				for (int page = 1; page <= reader.getNumberOfPages(); page++) {
					String text = extractor.getTextFromPage(page);
					for (Map.Entry<String, String> heading : followers.entrySet()) {
						if (text.contains(heading.getKey())) {
							assertThat(text.substring(text.indexOf(heading.getKey())))
								.as("page %d of the PDF with %d actions", page, actions)
								.contains(heading.getValue());
						}
					}
				}
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

	/** The page's images: the footer's page count is a form, not an image. */
	private static List<PdfName> images(PdfReader reader, int page) {
		PdfDictionary objects = reader.getPageN(page).getAsDict(PdfName.RESOURCES).getAsDict(PdfName.XOBJECT);
		if (objects == null) {
			return List.of();
		}
		return objects.getKeys()
			.stream()
			.filter((name) -> PdfName.IMAGE.equals(((PdfDictionary) objects.getDirectObject(name)).getAsName(PdfName.SUBTYPE)))
			.toList();
	}

	private static String text(PdfTextExtractor extractor, int page) {
		try {
			return extractor.getTextFromPage(page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
