package dev.certaudit.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.discovery.NameResolution.Source;
import dev.certaudit.history.ChangeKind;
import dev.certaudit.history.EndpointChange;
import dev.certaudit.history.EndpointChange.Side;
import dev.certaudit.history.RunChanges;
import dev.certaudit.history.RunJudgement;
import dev.certaudit.inventory.RejectedLine;
import dev.certaudit.inventory.Target;
import dev.certaudit.transparency.CtDiscrepancy;

/** A small run with one endpoint of every status, in the order the job hands rows to the reports. */
public final class ReportFixtures {

	public static final long RUN_ID = 42;

	public static final long PREVIOUS_RUN_ID = 41;

	public static final Instant PREVIOUS_RUN_STARTED_AT = Instant.parse("2026-05-21T08:00:00Z");

	public static final String ORGANISATION = "Example Org";

	public static final Instant STARTED_AT = Instant.parse("2026-05-22T08:00:00Z");

	public static final Instant GENERATED_AT = Instant.parse("2026-05-22T08:17:00Z");

	public static final Instant EXPIRED_NOT_AFTER = Instant.parse("2026-05-19T12:30:00Z");

	public static final String CONTACT = "Jane Roe <jane@example.org>";

	/** The suite old.example.org agreed, over TLS 1.2 and secp256r1. */
	public static final String OLD_SUITE = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";

	/** The suite every other fetched endpoint agreed, over TLS 1.3 and x25519. */
	public static final String MODERN_SUITE = "TLS_AES_128_GCM_SHA256";

	public static final List<RejectedLine> REJECTED_LINES = List.of(
			new RejectedLine("hosts.csv:12", "mail.example.org;smtp", "port is missing"),
			new RejectedLine("domains.txt:3", "exa mple.org", "not a valid host name"));

	/** What old.example.org presented: its leaf, then the issuing CA. */
	public static final List<PresentedCertificate> OLD_CHAIN = List.of(
			new PresentedCertificate(0, "CN=old.example.org", "CN=Example Issuing CA", "1a2b", Instant.parse("2025-04-17T12:30:00Z"),
					EXPIRED_NOT_AFTER, "RSA 2048", "SHA256withRSA", false, "aa".repeat(32)),
			new PresentedCertificate(1, "CN=Example Issuing CA", "CN=Example Root", "77", Instant.parse("2024-01-01T00:00:00Z"),
					Instant.parse("2034-01-01T00:00:00Z"), "EC 384", "SHA384withECDSA", false, "bb".repeat(32)));

	/** The settings the run judged by, a few of them, as a run records them; its digest begins 1a2b3c4d5e6f. */
	public static final RunJudgement JUDGEMENT = RunJudgement.of("1a2b3c4d5e6f" + "0".repeat(52), """
			fetch.handshake-timeout=PT10S
			fetch.retries=2
			thresholds.critical-days=7
			thresholds.warning-days=30
			trust.anchors=sha256:0123456789abcdef (147 certificates)
			revocation.enabled=false""");

	private ReportFixtures() {
	}

	/** Soonest expiry first, endpoints without a certificate last: the order of the job's report step. */
	public static List<ReportRow> rows() {
		return List.of(
				row(2, "old.example.org", Status.EXPIRED, -3, EXPIRED_NOT_AFTER,
						List.of("old.example.org", "www.old.example.org"),
						List.of(finding("e_certificate_expired", Severity.CRITICAL),
								finding("w_sha1_signature", Severity.WARNING)),
						null),
				row(4, "soon.example.org", Status.CRITICAL, 5, Instant.parse("2026-05-27T09:00:00Z"),
						List.of("soon.example.org"), List.of(finding("e_expires_within_7_days", Severity.CRITICAL)),
						null),
				row(5, "warn.example.org", Status.WARNING, 20, Instant.parse("2026-06-11T09:00:00Z"),
						List.of("warn.example.org"), List.of(finding("w_expires_within_30_days", Severity.WARNING)),
						null),
				row(6, "fine.example.org", Status.OK, 200, Instant.parse("2026-12-08T09:00:00Z"),
						List.of("fine.example.org", "www.fine.example.org"), List.of(), null),
				row(7, "also-fine.example.org", Status.OK, 300, Instant.parse("2027-03-18T09:00:00Z"),
						List.of("also-fine.example.org"), List.of(), null),
				row(3, "early.example.org", Status.NOT_YET_VALID, 400, Instant.parse("2027-06-26T00:00:00Z"),
						List.of("early.example.org"), List.of(finding("e_not_yet_valid", Severity.CRITICAL)), null),
				row(1, "down.example.org", Status.ERROR, null, null, List.of(), List.of(),
						"connect timed out after 5s"));
	}

	public static int findingCount() {
		return rows().stream().mapToInt(row -> row.findings().size()).sum();
	}

	public static RunSummary summary() {
		return summaryOf(rows(), REJECTED_LINES);
	}

	/** {@link #summary()} of a run created before cert-audit recorded the settings it judged by. */
	public static RunSummary summaryWithoutJudgement() {
		RunSummary summary = summary();
		return new RunSummary(summary.runId(), summary.organisation(), summary.startedAt(), summary.generatedAt(),
				summary.thresholds(), summary.inventories(), summary.countsByStatus(), summary.rejectedLines(),
				summary.namesByOutcome(), summary.actions(), summary.expiringByWeek(), summary.changes(),
				summary.owners(), summary.trend(), summary.labelKeys(), null);
	}

	/** The action list of these rows is most urgent first, as the job's query orders it. */
	public static RunSummary summaryOf(List<ReportRow> rows, List<RejectedLine> rejectedLines) {
		Map<Status, Long> counts = rows.stream()
			.collect(Collectors.groupingBy(ReportRow::status, Collectors.counting()));
		List<ReportRow> actions = rows.stream()
			.filter(row -> row.status().needsAction())
			.sorted(Comparator.comparing(ReportRow::status))
			.limit(RunSummary.ACTION_LIMIT)
			.toList();
		return new RunSummary(RUN_ID, ORGANISATION, STARTED_AT, GENERATED_AT, Thresholds.DEFAULTS,
				List.of("hosts.csv", "domains.txt"), counts, rejectedLines, Map.of(Outcome.FOUND, 2L, Outcome.NOT_FOUND, 1L),
				actions, expiringByWeek(rows), changes(), owners(rows), trend(counts, rows), labelKeys(rows), JUDGEMENT);
	}

	/**
	 * Runs 40 and 41 of these inventories, a day apart, and this one: fewer endpoints needing action each
	 * time. This run's expiring endpoints are those of its rows with 0 to 30 days left.
	 */
	public static List<TrendPoint> trend(Map<Status, Long> counts, List<ReportRow> rows) {
		return List.of(
				new TrendPoint(40, STARTED_AT.minus(2, ChronoUnit.DAYS), Map.of(Status.ERROR, 2L, Status.EXPIRED, 2L,
						Status.CRITICAL, 1L, Status.WARNING, 1L, Status.OK, 1L), 2),
				new TrendPoint(PREVIOUS_RUN_ID, STARTED_AT.minus(1, ChronoUnit.DAYS), Map.of(Status.ERROR, 1L,
						Status.EXPIRED, 1L, Status.CRITICAL, 1L, Status.WARNING, 2L, Status.OK, 2L), 3),
				new TrendPoint(RUN_ID, STARTED_AT, counts, rows.stream()
					.filter(row -> row.daysLeft() != null && row.daysLeft() >= 0 && row.daysLeft() <= 30)
					.count()));
	}

	/** Each owner's share of these rows, as the job's query counts it. */
	public static List<OwnerSummary> owners(List<ReportRow> rows) {
		Map<String, OwnerSummary> byOwner = new HashMap<>();
		rows.forEach(row -> byOwner.merge(row.owner(), new OwnerSummary(row.owner(), 1,
				row.status().needsAction() ? 1 : 0, row.notAfter(), row.daysLeft(), Map.of(row.status(), 1L)),
				OwnerSummary::plus));
		return byOwner.values().stream().sorted(OwnerSummary.REPORT_ORDER).toList();
	}

	/** The label keys the rows carry, as the job's query finds them in the inventory's labels. */
	private static List<String> labelKeys(List<ReportRow> rows) {
		return rows.stream()
			.flatMap(row -> Stream.concat(Target.labels(row.labels()).keySet().stream(),
					Stream.of((row.owner() != null) ? "owner" : "", (row.contact() != null) ? "contact" : "")))
			.filter(key -> !key.isEmpty())
			.toList();
	}

	/** A run with these counts and nothing else to say: no actions listed, no outlook, no previous run. */
	public static RunSummary summaryOfCounts(long runId, List<String> inventories, Map<Status, Long> counts,
			List<RejectedLine> rejectedLines) {
		return new RunSummary(runId, "", STARTED_AT, GENERATED_AT, Thresholds.DEFAULTS, inventories, counts,
				rejectedLines, Map.of(), List.of(), List.of(), RunChanges.FIRST_RUN, List.of(), List.of(),
				List.of(), null);
	}

	private static List<ExpiryWeek> expiringByWeek(List<ReportRow> rows) {
		LocalDate first = LocalDate.of(2026, 5, 22);
		return IntStream.range(0, RunSummary.OUTLOOK_WEEKS)
			.mapToObj(week -> new ExpiryWeek(first.plusWeeks(week), rows.stream()
				.filter(row -> row.daysLeft() != null && row.daysLeft() >= 0 && row.daysLeft() / 7 == week)
				.count()))
			.toList();
	}

	/** Since run 41: old.example.org broke, fine.example.org was renewed, one endpoint is new, one gone. */
	public static RunChanges changes() {
		Side oldBefore = new Side(Status.OK, "19", "cc".repeat(32), EXPIRED_NOT_AFTER);
		Side oldNow = new Side(Status.EXPIRED, "19", "cc".repeat(32), EXPIRED_NOT_AFTER);
		Side fineBefore = new Side(Status.WARNING, "0f", "dd".repeat(32), Instant.parse("2026-06-01T09:00:00Z"));
		Side fineNow = new Side(Status.OK, "10", "ee".repeat(32), Instant.parse("2026-12-08T09:00:00Z"));
		return new RunChanges(PREVIOUS_RUN_ID, PREVIOUS_RUN_STARTED_AT, List.of(
				new EndpointChange(ChangeKind.NEWLY_FAILING, "old.example.org", 443, "TLS", "192.0.2.2", "web-team",
						oldBefore, oldNow),
				new EndpointChange(ChangeKind.RENEWED, "fine.example.org", 443, "TLS", "192.0.2.6", "web-team",
						fineBefore, fineNow),
				new EndpointChange(ChangeKind.NEW_ENDPOINT, "early.example.org", 443, "TLS", "192.0.2.3", "web-team",
						null, new Side(Status.NOT_YET_VALID, "33", "ff".repeat(32), Instant.parse("2027-06-26T00:00:00Z"))),
				new EndpointChange(ChangeKind.DISAPPEARED, "gone.example.org", 443, "TLS", "192.0.2.9", "it-ops",
						new Side(Status.OK, "44", "99".repeat(32), Instant.parse("2027-01-01T00:00:00Z")), null)));
	}

	/**
	 * What discovery answered for three names: two found (one in the hosts file, one through a CNAME whose
	 * AAAA lookup was refused), one not found.
	 */
	public static List<NameResolution> discoveredNames() {
		return List.of(
				new NameResolution("mail.example.test", Outcome.FOUND, Source.HOSTS_FILE, List.of(),
						List.of("192.0.2.10", "2001:db8::10"), null),
				new NameResolution("shop.example.test", Outcome.FOUND, Source.DNS,
						List.of("shop.example.test", "shops.saas.test"), List.of("192.0.2.20"),
						"AAAA lookup failed: REFUSED"),
				new NameResolution("vpn.example.test", Outcome.NOT_FOUND, Source.DNS, List.of(), List.of(), "NXDOMAIN"));
	}

	/**
	 * Where certificates are installed, as the job's query hands them over: the shop's certificate on
	 * both addresses of shop.example.org, on its port 8443 and on api.example.org; another on one place.
	 */
	public static List<Installation> installations() {
		String shared = "5a".repeat(32);
		Instant sharedNotAfter = Instant.parse("2026-06-01T09:00:00Z");
		String single = "6b".repeat(32);
		return List.of(
				new Installation(shared, "CN=shop.example.org", sharedNotAfter, 10, 4, "api.example.org", 443, "TLS",
						"192.0.2.30", "api-team"),
				new Installation(shared, "CN=shop.example.org", sharedNotAfter, 10, 4, "shop.example.org", 443, "TLS",
						"192.0.2.20", "web-team"),
				new Installation(shared, "CN=shop.example.org", sharedNotAfter, 10, 4, "shop.example.org", 443, "TLS",
						"2001:db8::20", "web-team"),
				new Installation(shared, "CN=shop.example.org", sharedNotAfter, 10, 4, "shop.example.org", 8443, "TLS",
						"192.0.2.20", "web-team"),
				new Installation(single, "CN=intranet.example.org", Instant.parse("2026-09-01T09:00:00Z"), 102, 1,
						"intranet.example.org", 443, "TLS", "192.0.2.40", "it-ops"));
	}

	/** The owners of {@link #rows()}: every endpoint is web-team's. */
	public static List<OwnerSummary> owners() {
		Map<Status, Long> counts = rows().stream()
			.collect(Collectors.groupingBy(ReportRow::status, () -> new EnumMap<>(Status.class), Collectors.counting()));
		return List.of(new OwnerSummary("web-team", rows().size(), 5, EXPIRED_NOT_AFTER, -3, counts));
	}

	/** What a CT export and the run disagree about: one of each kind. */
	public static List<CtDiscrepancy> transparency() {
		return List.of(
				new CtDiscrepancy(CtDiscrepancy.Kind.ISSUED_NOT_DEPLOYED, "5ca1ab1e", "spare.example.org",
						"C=US, O=Example, CN=Public CA", Instant.parse("2026-07-01T00:00:00Z"), 123456L, null),
				new CtDiscrepancy(CtDiscrepancy.Kind.DEPLOYED_NOT_IN_EXPORT, "0ddba11", "api.example.org",
						"CN=Public CA", Instant.parse("2026-08-01T00:00:00Z"), null, "api.example.org:443 and 1 more"),
				new CtDiscrepancy(CtDiscrepancy.Kind.NAME_NOT_IN_INVENTORY, null, "forgotten.example.org", null, null,
						null, "looked up in DNS: not found"));
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

	/**
	 * Every fetched endpoint but old.example.org agreed TLS 1.3 ({@link #MODERN_SUITE} over x25519);
	 * old.example.org agreed TLS 1.2 ({@link #OLD_SUITE} over secp256r1).
	 */
	private static ReportRow row(long id, String host, Status status, Integer daysLeft, Instant notAfter,
			List<String> sans, List<FindingView> findings, String error) {
		boolean fetched = notAfter != null;
		boolean old = host.equals("old.example.org");
		String tlsProtocol = fetched ? (old ? "TLSv1.2" : "TLSv1.3") : null;
		String cipherSuite = fetched ? (old ? OLD_SUITE : MODERN_SUITE) : null;
		String keyExchange = fetched ? (old ? "secp256r1" : "x25519") : null;
		return new ReportRow(id, host, 443, "https", "192.0.2." + id, "web-team", old ? CONTACT : null, "env=prod", status,
				daysLeft, fetched ? notAfter.minus(397, ChronoUnit.DAYS) : null, notAfter, fetched ? "CN=" + host : null,
				fetched ? "CN=Example Issuing CA" : null, sans, fetched ? Long.toHexString(1000 + id) : null,
				fetched ? "%064x".formatted(id) : null, findings, old ? OLD_CHAIN : List.of(), error, fetched ? 1 : 5,
				tlsProtocol, cipherSuite, keyExchange);
	}

	private static FindingView finding(String ruleId, Severity severity) {
		return new FindingView(ruleId, severity, "Rule " + ruleId + " matched", "Renew the certificate");
	}

}
