package dev.certaudit.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.inventory.RejectedLine;

/** A small run with one endpoint of every status, in the order the job hands rows to the reports. */
public final class ReportFixtures {

	public static final long RUN_ID = 42;

	public static final Instant STARTED_AT = Instant.parse("2026-05-22T08:00:00Z");

	public static final Instant GENERATED_AT = Instant.parse("2026-05-22T08:17:00Z");

	public static final Instant EXPIRED_NOT_AFTER = Instant.parse("2026-05-19T12:30:00Z");

	public static final List<RejectedLine> REJECTED_LINES = List.of(
			new RejectedLine("hosts.csv:12", "mail.example.org;smtp", "port is missing"),
			new RejectedLine("domains.txt:3", "exa mple.org", "not a valid host name"));

	private ReportFixtures() {
	}

	public static List<ReportRow> rows() {
		return List.of(
				row(1, "down.example.org", Status.ERROR, null, null, List.of(), List.of(),
						"connect timed out after 5s"),
				row(2, "old.example.org", Status.EXPIRED, -3, EXPIRED_NOT_AFTER,
						List.of("old.example.org", "www.old.example.org"),
						List.of(finding("e_certificate_expired", Severity.CRITICAL),
								finding("w_sha1_signature", Severity.WARNING)),
						null),
				row(3, "early.example.org", Status.NOT_YET_VALID, 400, Instant.parse("2027-06-26T00:00:00Z"),
						List.of("early.example.org"), List.of(finding("e_not_yet_valid", Severity.CRITICAL)), null),
				row(4, "soon.example.org", Status.CRITICAL, 5, Instant.parse("2026-05-27T09:00:00Z"),
						List.of("soon.example.org"), List.of(finding("e_expires_within_7_days", Severity.CRITICAL)),
						null),
				row(5, "warn.example.org", Status.WARNING, 20, Instant.parse("2026-06-11T09:00:00Z"),
						List.of("warn.example.org"), List.of(finding("w_expires_within_30_days", Severity.WARNING)),
						null),
				row(6, "fine.example.org", Status.OK, 200, Instant.parse("2026-12-08T09:00:00Z"),
						List.of("fine.example.org", "www.fine.example.org"), List.of(), null),
				row(7, "also-fine.example.org", Status.OK, 300, Instant.parse("2027-03-18T09:00:00Z"),
						List.of("also-fine.example.org"), List.of(), null));
	}

	public static int findingCount() {
		return rows().stream().mapToInt(row -> row.findings().size()).sum();
	}

	public static RunSummary summary() {
		return summaryOf(rows(), REJECTED_LINES);
	}

	public static RunSummary summaryOf(List<ReportRow> rows, List<RejectedLine> rejectedLines) {
		Map<Status, Long> counts = rows.stream()
			.collect(Collectors.groupingBy(ReportRow::status, Collectors.counting()));
		return new RunSummary(RUN_ID, STARTED_AT, GENERATED_AT, List.of("hosts.csv", "domains.txt"), counts,
				rejectedLines, Map.of(Outcome.FOUND, 2L, Outcome.NOT_FOUND, 1L));
	}

	/** What discovery answered for three names: two found (one through a CNAME), one not found. */
	public static List<NameResolution> discoveredNames() {
		return List.of(
				new NameResolution("mail.example.test", Outcome.FOUND, List.of(), List.of("192.0.2.10", "2001:db8::10"), null),
				new NameResolution("shop.example.test", Outcome.FOUND, List.of("shop.example.test", "shops.saas.test"),
						List.of("192.0.2.20"), null),
				new NameResolution("vpn.example.test", Outcome.NOT_FOUND, List.of(), List.of(), "NXDOMAIN"));
	}

	/** A healthy endpoint with a distinct name, for runs of any size. */
	public static ReportRow okRow(int index) {
		return row(index, "host-" + index + ".example.org", Status.OK, 100 + index % 200,
				Instant.parse("2027-01-01T00:00:00Z"), List.of("host-" + index + ".example.org"), List.of(), null);
	}

	public static List<String> hostsOf(Status... statuses) {
		List<Status> wanted = Arrays.asList(statuses);
		return rows().stream().filter(row -> wanted.contains(row.status())).map(ReportRow::host).toList();
	}

	private static ReportRow row(long id, String host, Status status, Integer daysLeft, Instant notAfter,
			List<String> sans, List<FindingView> findings, String error) {
		boolean fetched = notAfter != null;
		return new ReportRow(id, host, 443, "https", "192.0.2." + id, "web-team", "prod", status, daysLeft,
				fetched ? notAfter.minus(397, ChronoUnit.DAYS) : null, notAfter, fetched ? "CN=" + host : null,
				fetched ? "CN=Example Issuing CA" : null, sans, findings, error, fetched ? 1 : 5);
	}

	private static FindingView finding(String ruleId, Severity severity) {
		return new FindingView(ruleId, severity, "Rule " + ruleId + " matched", "Renew the certificate");
	}

}
