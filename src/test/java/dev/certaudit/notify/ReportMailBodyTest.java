package dev.certaudit.notify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.report.FindingView;
import dev.certaudit.report.ReportFixtures;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;

import static org.assertj.core.api.Assertions.assertThat;

class ReportMailBodyTest {

	private static final List<Path> REPORTS = List.of(Path.of("reports/42/cert-audit-2026-05-22.xlsx"),
			Path.of("reports/42/cert-audit-2026-05-22.pdf"));

	@Test
	void textListsCountsTheEndpointsToActOnAndTheAttachments() {
		String text = ReportMailBody.text(fixtureDigest(), REPORTS);

		assertThat(text).contains("TLS certificate audit, run 42, started 2026-05-22 08:00 UTC",
				"  ERROR                1\n", "  OK                   2\n", "  Total                7\n",
				"2 inventory lines were skipped as unreadable; the reports list them.",
				"- ERROR down.example.org:443 (owner web-team): connect timed out after 5s\n",
				"- EXPIRED old.example.org:443 (expired 3 days ago, owner web-team): e_certificate_expired, w_sha1_signature\n",
				"- CRITICAL soon.example.org:443 (5 days left, owner web-team): e_expires_within_7_days\n",
				"Attached: cert-audit-2026-05-22.xlsx, cert-audit-2026-05-22.pdf.")
			.doesNotContain("fine.example.org", "more in the attached reports");
	}

	/** The mail counts days as the reports' Days left column does: an hour past notAfter is a day ago. */
	@Test
	void daysAreSaidAsTheDaysLeftColumnCountsThem() {
		List<ReportRow> rows = List.of(row(1, "hour-ago.example.org", Status.EXPIRED, -1, null, List.of()),
				row(2, "today.example.org", Status.CRITICAL, 0, null, List.of()),
				row(3, "tomorrow.example.org", Status.CRITICAL, 1, null, List.of()));
		RunDigest digest = new RunDigest(summary(Map.of(Status.EXPIRED, 1L, Status.CRITICAL, 2L)), rows);

		assertThat(ReportMailBody.text(digest, REPORTS)).contains("hour-ago.example.org:443 (expired 1 day ago)",
				"today.example.org:443 (less than a day left)", "tomorrow.example.org:443 (1 day left)");
	}

	@Test
	void htmlHasTheSameContentEscaped() {
		ReportRow hostile = row(9, "<script>.example.org", Status.CRITICAL, 2, "R&D \"web\"",
				List.of(new FindingView("CRIT_CERT_EXPIRING", Severity.CRITICAL, "m", "r")));
		RunDigest digest = new RunDigest(summary(Map.of(Status.CRITICAL, 1L)), List.of(hostile));

		String html = ReportMailBody.html(digest, REPORTS);

		assertThat(html).contains("&lt;script&gt;.example.org:443", "R&amp;D &quot;web&quot;", "CRIT_CERT_EXPIRING",
				"<td style=\"background: #F6A96B\">CRITICAL</td><td align=\"right\">1</td>")
			.doesNotContain("<script>");
	}

	@Test
	void endpointsBeyondThoseListedAreCounted() {
		List<ReportRow> listed = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			listed.add(row(i, "host" + i + ".example.org", Status.CRITICAL, 3, null, List.of()));
		}
		RunDigest digest = new RunDigest(summary(Map.of(Status.CRITICAL, 23L, Status.OK, 4L)), listed);

		assertThat(ReportMailBody.text(digest, REPORTS)).contains("- CRITICAL host19.example.org:443 (3 days left)\n",
				"... and 3 more in the attached reports.");
		assertThat(ReportMailBody.html(digest, REPORTS)).contains("... and 3 more in the attached reports.");
	}

	@Test
	void informationalFindingsAreNoReasonToAct() {
		ReportRow row = row(1, "stranger.example.org", Status.CRITICAL, 90, null,
				List.of(new FindingView("CRIT_CHAIN_UNTRUSTED", Severity.CRITICAL, "m", "r"),
						new FindingView("INFO_CHAIN_ROOT_SENT", Severity.INFO, "m", "r")));
		RunDigest digest = new RunDigest(summary(Map.of(Status.CRITICAL, 1L)), List.of(row));

		assertThat(ReportMailBody.text(digest, REPORTS)).contains(": CRIT_CHAIN_UNTRUSTED\n")
			.doesNotContain("INFO_CHAIN_ROOT_SENT");
	}

	@Test
	void runInGoodOrderSaysSo() {
		RunDigest digest = new RunDigest(summary(Map.of(Status.OK, 3L)), List.of());

		assertThat(ReportMailBody.text(digest, REPORTS)).contains("Every endpoint is in good order.")
			.doesNotContain("Needs action first");
		assertThat(ReportMailBody.html(digest, REPORTS)).contains("Every endpoint is in good order.")
			.doesNotContain("Needs action first");
	}

	/** The fixture's rows needing action, with their findings, as the job lists them. */
	private static RunDigest fixtureDigest() {
		RunSummary summary = ReportFixtures.summary();
		return new RunDigest(summary, summary.actions());
	}

	private static RunSummary summary(Map<Status, Long> counts) {
		return ReportFixtures.summaryOfCounts(42, List.of("hosts.txt"), counts, List.of());
	}

	private static ReportRow row(long id, String host, Status status, Integer daysLeft, String owner,
			List<FindingView> findings) {
		return new ReportRow(id, host, 443, "TLS", "192.0.2.1", owner, null, "", status, daysLeft, null, null, null,
				null, List.of(), null, null, findings, List.of(), null, 1, null, null, null);
	}

}
