package dev.certaudit.notify;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.history.ChangeKind;
import dev.certaudit.history.EndpointChange;
import dev.certaudit.history.EndpointChange.Side;
import dev.certaudit.history.RunChanges;
import dev.certaudit.report.FindingView;
import dev.certaudit.report.ReportFixtures;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;

import static org.assertj.core.api.Assertions.assertThat;

class ReportMailBodyTest {

	private static final List<Path> REPORTS = List.of(Path.of("reports/42/cert-audit-2026-05-22.xlsx"),
			Path.of("reports/42/cert-audit-2026-05-22.pdf"));

	private static final FindingView EXPIRED = new FindingView("CRIT_CERT_EXPIRED", Severity.CRITICAL,
			"expired on 2026-05-19T12:30:00Z (3 days ago)",
			"Renew the certificate now and install it with its full chain on every endpoint that serves it.");

	private static final FindingView SHA1 = new FindingView("CRIT_SIGNATURE_WEAK", Severity.CRITICAL,
			"the leaf is signed with SHA1withRSA", "Reissue the certificate signed with SHA-256 or better.");

	private static final FindingView EXPIRING = new FindingView("CRIT_CERT_EXPIRING", Severity.CRITICAL,
			"expires on 2026-05-27T09:00:00Z, in 5 days",
			"Renew the certificate now and install it with its full chain on every endpoint that serves it.");

	private static final FindingView ROOT_SENT = new FindingView("INFO_CHAIN_ROOT_SENT", Severity.INFO,
			"the server sends its root", "Leave the root out of the chain.");

	private static final ReportRow OLD = row(2, "old.example.org", Status.EXPIRED, -3, "2026-05-19T12:30:00Z",
			List.of(EXPIRED, SHA1, ROOT_SENT), null);

	private static final ReportRow SOON = row(4, "soon.example.org", Status.CRITICAL, 5, "2026-05-27T09:00:00Z",
			List.of(EXPIRING), null);

	private static final ReportRow DOWN = row(1, "down.example.org", Status.ERROR, null, null, List.of(),
			"connect timed out after 5s");

	@Test
	void textNamesTheOrganisationListsNewlyFailingFirstWithExpiryDatesAndPlainReasons() {
		RunDigest digest = new RunDigest(summary(Map.of(Status.ERROR, 1L, Status.EXPIRED, 1L, Status.CRITICAL, 1L,
				Status.OK, 2L), changesSince41()), new ActionList(List.of(OLD), List.of(DOWN, SOON), 3));

		String text = ReportMailBody.text(digest, REPORTS);

		assertThat(text).startsWith("TLS certificate audit of Example Org, run 42, started 2026-05-22 08:00 UTC\n\n"
				+ "3 of 5 endpoints need action; 1 newly failing since run 41.\n")
			.contains("  ERROR                1\n", "  OK                   2\n", "  Total                5\n",
					"Newly failing since the previous audit (run 41):\n"
							+ "- EXPIRED old.example.org:443: expired on 2026-05-19; owner web-team\n"
							+ "  What is wrong: Expired on 2026-05-19T12:30:00Z (3 days ago). The leaf is signed with SHA1withRSA.\n"
							+ "  What to do: Renew the certificate now and install it with its full chain on every endpoint"
							+ " that serves it. Reissue the certificate signed with SHA-256 or better.\n\n"
							+ "Still needing action, most urgent first:\n"
							+ "- ERROR down.example.org:443: owner web-team\n"
							+ "  What is wrong: Connect timed out after 5s.\n"
							+ "- CRITICAL soon.example.org:443: expires on 2026-05-27, in 5 days; owner web-team\n",
					"Attached: cert-audit-2026-05-22.xlsx, cert-audit-2026-05-22.pdf. The workbook lists every endpoint"
							+ " with its findings; the PDF summarises the run.")
			.doesNotContain("CRIT_", "INFO_", "the server sends its root", "more in the attached reports");
	}

	/** The mail counts days as the reports' Days left column does: 0 is less than a day, not "today". */
	@Test
	void daysAreSaidAsTheDaysLeftColumnCountsThem() {
		ReportRow hourAgo = row(1, "hour-ago.example.org", Status.EXPIRED, -1, "2026-05-22T01:00:00Z", List.of(), null);
		ReportRow withinADay = row(2, "within-a-day.example.org", Status.CRITICAL, 0, "2026-05-23T01:00:00Z",
				List.of(), null);
		ReportRow tomorrow = row(3, "tomorrow.example.org", Status.CRITICAL, 1, "2026-05-24T01:00:00Z", List.of(),
				null);
		RunDigest digest = new RunDigest(summary(Map.of(Status.EXPIRED, 1L, Status.CRITICAL, 2L), changesSince41()),
				new ActionList(List.of(), List.of(hourAgo, withinADay, tomorrow), 3));

		assertThat(ReportMailBody.text(digest, REPORTS)).contains("expired on 2026-05-22",
				"expires on 2026-05-23, less than a day left", "expires on 2026-05-24, in 1 day");
	}

	@Test
	void htmlTablesHaveBordersInEveryClientWithoutStylesheetsOrClasses() {
		RunDigest digest = new RunDigest(summary(Map.of(Status.EXPIRED, 1L, Status.CRITICAL, 1L), changesSince41()),
				new ActionList(List.of(OLD), List.of(SOON), 2));

		String html = ReportMailBody.html(digest, REPORTS);

		assertThat(html).contains("<h2>TLS certificate audit of Example Org, run 42</h2>",
				"<h3>Newly failing since the previous audit (run 41)</h3>", "expired on 2026-05-19",
				"Expired on 2026-05-19T12:30:00Z (3 days ago).", "Reissue the certificate signed with SHA-256 or better.")
			.doesNotContain("<style", "class=", "CRIT_");
		assertThat(html.indexOf("old.example.org")).isLessThan(html.indexOf("soon.example.org"));
		assertEveryTableAndCellHasABorder(html);
	}

	@Test
	void htmlEscapesWhatServersAndInventoriesSay() {
		ReportRow hostile = row(9, "<script>.example.org", Status.CRITICAL, 2, "2026-05-24T00:00:00Z",
				List.of(new FindingView("CRIT_CERT_EXPIRING", Severity.CRITICAL, "expires <soon> & \"now\"", "r")),
				null);
		RunDigest digest = new RunDigest(summary(Map.of(Status.CRITICAL, 1L), RunChanges.FIRST_RUN),
				new ActionList(List.of(), List.of(hostile), 1));

		String html = ReportMailBody.html(digest, REPORTS);

		assertThat(html).contains("&lt;script&gt;.example.org:443", "Expires &lt;soon&gt; &amp; &quot;now&quot;.",
				"<td bgcolor=\"#F6A96B\" style=\"border: 1px solid #808080; padding: 4px; vertical-align: top;"
						+ " background-color: #F6A96B\">CRITICAL</td>")
			.doesNotContain("<script>");
	}

	@Test
	void endpointsBeyondThoseListedAreCounted() {
		List<ReportRow> listed = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			listed.add(row(i, "host" + i + ".example.org", Status.CRITICAL, 3, "2026-05-25T00:00:00Z", List.of(), null));
		}
		RunDigest digest = new RunDigest(summary(Map.of(Status.CRITICAL, 23L, Status.OK, 4L), RunChanges.FIRST_RUN),
				new ActionList(List.of(), listed, 23));

		assertThat(ReportMailBody.text(digest, REPORTS)).contains("Needs action, most urgent first:\n",
				"- CRITICAL host19.example.org:443: expires on 2026-05-25, in 3 days; owner web-team\n",
				"... and 3 more in the attached reports.");
		assertThat(ReportMailBody.html(digest, REPORTS)).contains("... and 3 more in the attached reports.");
	}

	@Test
	void organisationCannotBreakTheContactsSubjectIntoHeaders() throws Exception {
		RunSummary summary = new RunSummary(42, "Example\r\nBcc: all@example.org", ReportFixtures.STARTED_AT,
				ReportFixtures.GENERATED_AT, Thresholds.DEFAULTS, List.of("hosts.txt"), Map.of(Status.CRITICAL, 1L),
				List.of(), Map.of(), List.of(), List.of(), RunChanges.FIRST_RUN, List.of(), List.of(), List.of(), null);

		assertThat(ReportMailBody.ownerSubject(new OwnerDigest(summary, new InternetAddress("pki@vendor.example"),
				new ActionList(List.of(), List.of(SOON), 1))))
			.isEqualTo("Example Bcc: all@example.org: 1 TLS endpoint you are the contact for needs action (audit of 2026-05-22)");
	}

	@Test
	void attachedCalendarIsExplained() {
		RunDigest digest = new RunDigest(summary(Map.of(Status.OK, 3L), RunChanges.FIRST_RUN), ActionList.NONE);

		assertThat(ReportMailBody.text(digest, List.of(Path.of("reports/42/cert-audit-2026-05-22.ics"))))
			.contains("Attached: cert-audit-2026-05-22.ics. The calendar file puts each certificate's renewal day in"
					+ " your calendar, and importing the next one updates those days.");
	}

	@Test
	void runInGoodOrderSaysSo() {
		RunDigest digest = new RunDigest(summary(Map.of(Status.OK, 3L), RunChanges.FIRST_RUN), ActionList.NONE);

		assertThat(ReportMailBody.text(digest, REPORTS)).contains("Every endpoint is in good order.")
			.doesNotContain("Needs action");
		assertThat(ReportMailBody.html(digest, REPORTS)).contains("Every endpoint is in good order.")
			.doesNotContain("Needs action");
	}

	@Test
	void contactsMailListsOnlyItsEndpointsWithDatesAndWhatToDoAndAsksForRenewedCertificatesAWeekAhead()
			throws Exception {
		OwnerDigest digest = new OwnerDigest(summary(Map.of(Status.EXPIRED, 1L, Status.CRITICAL, 1L, Status.OK, 9L),
				changesSince41()), new InternetAddress("pki@vendor.example"),
				new ActionList(List.of(OLD), List.of(SOON), 2));

		String text = ReportMailBody.ownerText(digest);
		String html = ReportMailBody.ownerHtml(digest);

		assertThat(ReportMailBody.ownerSubject(digest))
			.isEqualTo("Example Org: 2 TLS endpoints you are the contact for need action (audit of 2026-05-22)");
		assertThat(text).startsWith("TLS certificate audit of Example Org, 2026-05-22 08:00 UTC\n\n"
				+ "You are the contact for these TLS endpoints in Example Org's certificate inventory, and 2 of them"
				+ " need action. Please renew or fix each before the date given; where the certificate is installed"
				+ " for you, send the renewed certificate at least 7 days before it expires.")
			.contains("- EXPIRED old.example.org:443: expired on 2026-05-19\n",
					"- CRITICAL soon.example.org:443: expires on 2026-05-27, in 5 days\n",
					"  What to do: Renew the certificate now")
			.doesNotContain("Total", "owner web-team", "run 42", "Attached", "CRIT_");
		assertThat(html).contains("Example Org", "expired on 2026-05-19", "Expired on 2026-05-19T12:30:00Z")
			.doesNotContain("<style", "class=", "CRIT_", ">Owner<");
		assertEveryTableAndCellHasABorder(html);
	}

	private static void assertEveryTableAndCellHasABorder(String html) {
		Matcher tables = Pattern.compile("<table[^>]*>").matcher(html);
		int found = 0;
		while (tables.find()) {
			found++;
			assertThat(tables.group()).contains("border=\"1\"", "cellpadding=\"4\"", "border-collapse: collapse");
		}
		assertThat(found).isPositive();
		Matcher cells = Pattern.compile("<t[dh][ >][^>]*>").matcher(html);
		while (cells.find()) {
			assertThat(cells.group()).contains("style=\"border: 1px solid #808080;");
		}
	}

	private static RunSummary summary(Map<Status, Long> counts, RunChanges changes) {
		return new RunSummary(42, ReportFixtures.ORGANISATION, ReportFixtures.STARTED_AT, ReportFixtures.GENERATED_AT,
				Thresholds.DEFAULTS, List.of("hosts.txt"), counts, List.of(), Map.of(), List.of(), List.of(), changes,
				List.of(), List.of(), List.of(), null);
	}

	private static RunChanges changesSince41() {
		Instant notAfter = Instant.parse("2026-05-19T12:30:00Z");
		return new RunChanges(41L, Instant.parse("2026-05-21T02:00:00Z"), List.of(new EndpointChange(ChangeKind.NEWLY_FAILING, "old.example.org", 443, "TLS",
				"192.0.2.2", "web-team", new Side(Status.OK, "19", "cc".repeat(32), notAfter),
				new Side(Status.EXPIRED, "19", "cc".repeat(32), notAfter))));
	}

	private static ReportRow row(long id, String host, Status status, Integer daysLeft, String notAfter,
			List<FindingView> findings, String error) {
		return new ReportRow(id, host, 443, "TLS", "192.0.2." + id, "web-team", null, "", status, daysLeft, null,
				(notAfter != null) ? Instant.parse(notAfter) : null, null, null, List.of(), null, null, findings,
				List.of(), error, 1, null, null, null);
	}

}
