package dev.certaudit.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.analysis.Severity;

/** Text that both formats show the same way, so a row reads identically in the workbook and the PDF. */
public final class ReportFormatting {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private ReportFormatting() {
	}

	public static String date(Instant instant) {
		return instant == null ? "" : DATE.format(instant);
	}

	/** ISO 8601 in UTC to the second, as machines read it: {@code 2026-05-22T08:00:00Z}; empty for none. */
	public static String isoInstant(Instant instant) {
		return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
	}

	public static String dateTime(Instant instant) {
		return instant == null ? "" : DATE_TIME.format(instant);
	}

	public static String hostAndPort(ReportRow row) {
		return hostAndPort(row.host(), row.port(), row.protocol());
	}

	public static String hostAndPort(String host, int port, String protocol) {
		// a certificate file has a path and no port
		return "FILE".equals(protocol) ? host : host + ":" + port;
	}

	/**
	 * A path, or an inventory line's {@code path:line}, without its folders: for documents that travel
	 * beyond the machine, where the folders say nothing to the reader and something to anyone else.
	 */
	public static String withoutFolders(String path) {
		return (path == null) ? null : path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
	}

	/** The owner, and the contact beside it when the inventory names one. */
	public static String ownerAndContact(String owner, String contact) {
		return Stream.of(owner, contact)
			.filter(text -> text != null && !text.isBlank())
			.collect(Collectors.joining(", "));
	}

	public static String subjectAltNames(ReportRow row) {
		return String.join(", ", row.subjectAltNames());
	}

	public static String ruleIds(ReportRow row) {
		return row.findings().stream().map(FindingView::ruleId).collect(Collectors.joining(", "));
	}

	/**
	 * What is wrong in plain words, one line each, for readers who know neither the rule ids nor TLS: each
	 * finding above INFO as its rule's plain reason, said once however many certificates it hit (a finding
	 * of a rule this version no longer has, by its message), or the fetch error when no finding explains
	 * the row. The messages' details (dates to the second, URLs, distinguished names) are the workbook's.
	 */
	public static String plainReasons(ReportRow row) {
		List<String> reasons = row.findings()
			.stream()
			.filter(finding -> finding.severity() != Severity.INFO)
			.map(finding -> RuleMetadata.of(finding.ruleId()).map(RuleMetadata::plainReason).orElse(finding.message()))
			.distinct()
			.toList();
		return (reasons.isEmpty() && row.error() != null) ? row.error() : String.join("\n", reasons);
	}

	/** Rule ids, then the fetch error if there was one: whichever explains why the row is not OK. */
	public static String findingsOrError(ReportRow row) {
		return Stream.of(ruleIds(row), row.error())
			.filter(text -> text != null && !text.isBlank())
			.collect(Collectors.joining("; "));
	}

}
