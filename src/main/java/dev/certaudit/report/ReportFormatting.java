package dev.certaudit.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

	public static String dateTime(Instant instant) {
		return instant == null ? "" : DATE_TIME.format(instant);
	}

	public static String hostAndPort(ReportRow row) {
		// a certificate file has a path and no port
		return "FILE".equals(row.protocol()) ? row.host() : row.host() + ":" + row.port();
	}

	public static String subjectAltNames(ReportRow row) {
		return String.join(", ", row.subjectAltNames());
	}

	public static String ruleIds(ReportRow row) {
		return row.findings().stream().map(FindingView::ruleId).collect(Collectors.joining(", "));
	}

	/** Rule ids, then the fetch error if there was one: whichever explains why the row is not OK. */
	public static String findingsOrError(ReportRow row) {
		return Stream.of(ruleIds(row), row.error())
			.filter(text -> text != null && !text.isBlank())
			.collect(Collectors.joining("; "));
	}

}
