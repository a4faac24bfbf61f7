package dev.certaudit.notify;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.certaudit.analysis.DaysLeft;
import dev.certaudit.analysis.Status;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;
import dev.certaudit.report.StatusColours;

/**
 * The body of the report mail, as plain text and as HTML with the same content: who reads it on a
 * phone needs the counts and the first endpoints to act on, and opens the attachments for the rest.
 */
final class ReportMailBody {

	private ReportMailBody() {
	}

	static String text(RunDigest digest, List<Path> attachments) {
		RunSummary summary = digest.summary();
		StringBuilder text = new StringBuilder();
		text.append("TLS certificate audit, run ").append(summary.runId()).append(", started ")
			.append(ReportFormatting.dateTime(summary.startedAt())).append("\n\n");
		for (Status status : Status.values()) {
			text.append(String.format("  %-15s %6d%n", status.name(), summary.count(status)));
		}
		text.append(String.format("  %-15s %6d%n", "Total", summary.total()));
		if (!summary.rejectedLines().isEmpty()) {
			text.append('\n').append(skippedLines(summary)).append('\n');
		}
		text.append('\n');
		if (digest.needingAction() == 0) {
			text.append("Every endpoint is in good order.\n");
		}
		else {
			text.append("Needs action first:\n");
			for (ReportRow row : digest.firstActions()) {
				text.append("- ").append(row.status().name()).append(' ').append(ReportFormatting.hostAndPort(row));
				String details = Stream.of(daysLeft(row), owner(row))
					.filter((part) -> !part.isEmpty())
					.collect(Collectors.joining(", "));
				if (!details.isEmpty()) {
					text.append(" (").append(details).append(')');
				}
				String reason = digest.reason(row);
				if (!reason.isEmpty()) {
					text.append(": ").append(reason);
				}
				text.append('\n');
			}
			if (digest.moreNeedingAction() > 0) {
				text.append("... and ").append(digest.moreNeedingAction()).append(" more in the attached reports.\n");
			}
		}
		text.append('\n').append(attached(attachments)).append('\n');
		return text.toString();
	}

	static String html(RunDigest digest, List<Path> attachments) {
		RunSummary summary = digest.summary();
		StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n");
		html.append("<h2>TLS certificate audit, run ").append(summary.runId()).append("</h2>\n");
		html.append("<p>Started ").append(escape(ReportFormatting.dateTime(summary.startedAt()))).append("</p>\n");
		html.append("<table cellpadding=\"4\" style=\"border-collapse: collapse\">\n");
		html.append("<tr><th align=\"left\">Status</th><th align=\"right\">Endpoints</th></tr>\n");
		for (Status status : Status.values()) {
			html.append("<tr><td style=\"background: ").append(colour(status)).append("\">").append(status.name())
				.append("</td><td align=\"right\">").append(summary.count(status)).append("</td></tr>\n");
		}
		html.append("<tr><th align=\"left\">Total</th><th align=\"right\">").append(summary.total())
			.append("</th></tr>\n</table>\n");
		if (!summary.rejectedLines().isEmpty()) {
			html.append("<p>").append(escape(skippedLines(summary))).append("</p>\n");
		}
		if (digest.needingAction() == 0) {
			html.append("<p>Every endpoint is in good order.</p>\n");
		}
		else {
			html.append("<h3>Needs action first</h3>\n<table cellpadding=\"4\" style=\"border-collapse: collapse\">\n");
			html.append("<tr><th align=\"left\">Status</th><th align=\"left\">Endpoint</th>"
					+ "<th align=\"right\">Days left</th><th align=\"left\">Owner</th><th align=\"left\">Why</th></tr>\n");
			for (ReportRow row : digest.firstActions()) {
				html.append("<tr><td style=\"background: ").append(colour(row.status())).append("\">")
					.append(row.status().name()).append("</td><td>").append(escape(ReportFormatting.hostAndPort(row)))
					.append("</td><td align=\"right\">").append((row.daysLeft() != null) ? row.daysLeft() : "")
					.append("</td><td>").append(escape(row.owner())).append("</td><td>")
					.append(escape(digest.reason(row))).append("</td></tr>\n");
			}
			html.append("</table>\n");
			if (digest.moreNeedingAction() > 0) {
				html.append("<p>... and ").append(digest.moreNeedingAction())
					.append(" more in the attached reports.</p>\n");
			}
		}
		html.append("<p>").append(escape(attached(attachments))).append("</p>\n</body></html>\n");
		return html.toString();
	}

	private static String daysLeft(ReportRow row) {
		if (row.daysLeft() == null) {
			return "";
		}
		return DaysLeft.inWords(row.daysLeft());
	}

	private static String owner(ReportRow row) {
		return (row.owner() != null && !row.owner().isBlank()) ? "owner " + row.owner() : "";
	}

	private static String skippedLines(RunSummary summary) {
		int skipped = summary.rejectedLines().size();
		return skipped + ((skipped == 1) ? " inventory line was" : " inventory lines were")
				+ " skipped as unreadable; the reports list them.";
	}

	private static String attached(List<Path> attachments) {
		return "Attached: " + attachments.stream().map((file) -> file.getFileName().toString()).collect(Collectors.joining(", "))
				+ ". The workbook lists every endpoint with its findings; the PDF summarises the run.";
	}

	private static String colour(Status status) {
		return String.format("#%06X", StatusColours.rgb(status));
	}

	private static String escape(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
