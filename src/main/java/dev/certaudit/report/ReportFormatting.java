package dev.certaudit.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
	 * What is wrong in words, for readers who do not know the rule ids: the findings above INFO, then the
	 * error unless a finding already says it (the unreachable and handshake rules quote it).
	 */
	public static String problems(ReportRow row) {
		List<String> messages = row.findings()
			.stream()
			.filter(finding -> finding.severity() != Severity.INFO)
			.map(FindingView::message)
			.filter(text -> !text.isBlank())
			.toList();
		String error = row.error();
		boolean said = error == null || error.isBlank() || messages.stream()
			.anyMatch(message -> message.toLowerCase(Locale.ROOT).contains(error.strip().toLowerCase(Locale.ROOT)));
		return Stream.concat(messages.stream(), said ? Stream.empty() : Stream.of(error))
			.collect(Collectors.joining("; "));
	}

	/** Rule ids, then the fetch error if there was one: whichever explains why the row is not OK. */
	public static String findingsOrError(ReportRow row) {
		return Stream.of(ruleIds(row), row.error())
			.filter(text -> text != null && !text.isBlank())
			.collect(Collectors.joining("; "));
	}

}
