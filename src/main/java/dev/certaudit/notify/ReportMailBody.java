package dev.certaudit.notify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.history.ChangeKind;
import dev.certaudit.report.FindingView;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;
import dev.certaudit.report.StatusColours;

/**
 * The bodies of the report mails, each as plain text and as HTML with the same content: who reads it on
 * a phone needs the counts and the endpoints to act on, with their expiry dates and what is wrong in
 * words. The HTML carries its layout in attributes and inline styles only: Outlook's Word engine and
 * webmail clients drop {@code <style>} blocks and classes, so borders are {@code border="1"} and
 * {@code cellpadding} on each table and an inline border on each cell.
 */
final class ReportMailBody {

	private static final String TABLE = "<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\""
			+ " style=\"border-collapse: collapse; border: 1px solid #808080\">\n";

	private static final String CELL_STYLE = "border: 1px solid #808080; padding: 4px; vertical-align: top";

	private ReportMailBody() {
	}

	static String text(RunDigest digest, List<Path> attachments) {
		RunSummary summary = digest.summary();
		StringBuilder text = new StringBuilder();
		text.append(title(summary)).append(", run ").append(summary.runId()).append(", started ")
			.append(ReportFormatting.dateTime(summary.startedAt())).append("\n\n");
		text.append(headline(summary)).append("\n\n");
		for (Status status : Status.values()) {
			text.append(String.format("  %-15s %6d%n", status.name(), summary.count(status)));
		}
		text.append(String.format("  %-15s %6d%n", "Total", summary.total()));
		if (!summary.rejectedLines().isEmpty()) {
			text.append('\n').append(skippedLines(summary)).append('\n');
		}
		text.append('\n');
		if (summary.actionCount() == 0) {
			text.append("Every endpoint is in good order.\n");
		}
		else {
			actionsText(text, summary, digest.actions(), true);
			if (digest.actions().unlisted() > 0) {
				text.append("... and ").append(digest.actions().unlisted()).append(" more in the attached reports.\n");
			}
		}
		if (!attachments.isEmpty()) {
			text.append('\n').append(attached(attachments)).append('\n');
		}
		return text.toString();
	}

	static String html(RunDigest digest, List<Path> attachments) {
		RunSummary summary = digest.summary();
		StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n");
		html.append("<h2>").append(escape(title(summary))).append(", run ").append(summary.runId()).append("</h2>\n");
		html.append("<p>Started ").append(escape(ReportFormatting.dateTime(summary.startedAt()))).append(". ")
			.append(escape(headline(summary))).append("</p>\n");
		html.append(TABLE).append("<tr>").append(th("Status")).append(th("Endpoints")).append("</tr>\n");
		for (Status status : Status.values()) {
			html.append("<tr>").append(statusCell(status)).append(td(String.valueOf(summary.count(status)), "right"))
				.append("</tr>\n");
		}
		html.append("<tr>").append(th("Total")).append(td(String.valueOf(summary.total()), "right"))
			.append("</tr>\n</table>\n");
		if (!summary.rejectedLines().isEmpty()) {
			html.append("<p>").append(escape(skippedLines(summary))).append("</p>\n");
		}
		if (summary.actionCount() == 0) {
			html.append("<p>Every endpoint is in good order.</p>\n");
		}
		else {
			actionsHtml(html, summary, digest.actions(), true);
			if (digest.actions().unlisted() > 0) {
				html.append("<p>... and ").append(digest.actions().unlisted())
					.append(" more in the attached reports.</p>\n");
			}
		}
		if (!attachments.isEmpty()) {
			html.append("<p>").append(escape(attached(attachments))).append("</p>\n");
		}
		return html.append("</body></html>\n").toString();
	}

	/** The subject of a contact's mail: whose inventory, how many of the contact's endpoints, which day. */
	static String ownerSubject(OwnerDigest digest) {
		long count = digest.actions().total();
		// a line break in a header would end it, and start another
		String organisation = digest.summary().organisation().replaceAll("[\\r\\n]+", " ");
		return (organisation.isBlank() ? "" : organisation + ": ") + count
				+ ((count == 1) ? " TLS endpoint" : " TLS endpoints") + " you are the contact for "
				+ ((count == 1) ? "needs" : "need") + " action (audit of "
				+ ReportFormatting.date(digest.summary().startedAt()) + ")";
	}

	static String ownerText(OwnerDigest digest) {
		RunSummary summary = digest.summary();
		StringBuilder text = new StringBuilder();
		text.append(title(summary)).append(", ").append(ReportFormatting.dateTime(summary.startedAt())).append("\n\n");
		text.append(ownerIntroduction(digest)).append("\n\n");
		actionsText(text, summary, digest.actions(), false);
		if (digest.actions().unlisted() > 0) {
			text.append("... and ").append(digest.actions().unlisted()).append(" more: reply to this mail for the full list.\n");
		}
		return text.toString();
	}

	static String ownerHtml(OwnerDigest digest) {
		RunSummary summary = digest.summary();
		StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n");
		html.append("<h2>").append(escape(title(summary))).append("</h2>\n");
		html.append("<p>").append(escape(ownerIntroduction(digest))).append("</p>\n");
		actionsHtml(html, summary, digest.actions(), false);
		if (digest.actions().unlisted() > 0) {
			html.append("<p>... and ").append(digest.actions().unlisted())
				.append(" more: reply to this mail for the full list.</p>\n");
		}
		return html.append("</body></html>\n").toString();
	}

	/**
	 * Why the contact is written to and what is asked of them: teams renew their own certificates, but
	 * depend on customers and vendors for the rest, who must send a renewed certificate in time to install it.
	 */
	private static String ownerIntroduction(OwnerDigest digest) {
		RunSummary summary = digest.summary();
		long count = digest.actions().total();
		String organisation = (summary.organisation() == null || summary.organisation().isBlank()) ? "the audited"
				: summary.organisation() + "'s";
		int notice = summary.thresholds().criticalDays();
		return "You are the contact for " + ((count == 1) ? "this TLS endpoint" : "these TLS endpoints") + " in "
				+ organisation + " certificate inventory, and " + ((count == 1) ? "it needs" : count + " of them need")
				+ " action. Please renew or fix each before the date given; where the certificate is installed for"
				+ " you, send the renewed certificate" + ((notice > 0) ? " at least " + notice + " days before it expires"
						: " before it expires")
				+ ". Reply to this mail with any question.";
	}

	private static void actionsText(StringBuilder text, RunSummary summary, ActionList actions, boolean withOwner) {
		if (summary.changes().previousRunId() != null) {
			text.append("Newly failing since the previous audit (run ").append(summary.changes().previousRunId())
				.append("):\n");
			if (actions.newlyFailing().isEmpty()) {
				text.append("  none\n");
			}
			actions.newlyFailing().forEach((row) -> actionText(text, row, withOwner));
			text.append("\nStill needing action, most urgent first:\n");
		}
		else {
			text.append("Needs action, most urgent first:\n");
		}
		actions.others().forEach((row) -> actionText(text, row, withOwner));
	}

	private static void actionText(StringBuilder text, ReportRow row, boolean withOwner) {
		text.append("- ").append(row.status().name()).append(' ').append(ReportFormatting.hostAndPort(row));
		String details = Stream.of(expiry(row), withOwner ? owner(row) : "")
			.filter((part) -> !part.isEmpty())
			.collect(Collectors.joining("; "));
		if (!details.isEmpty()) {
			text.append(": ").append(details);
		}
		text.append('\n');
		String reason = reason(row);
		if (!reason.isEmpty()) {
			text.append("  What is wrong: ").append(reason).append('\n');
		}
		String remedy = remedy(row);
		if (!remedy.isEmpty()) {
			text.append("  What to do: ").append(remedy).append('\n');
		}
	}

	private static void actionsHtml(StringBuilder html, RunSummary summary, ActionList actions, boolean withOwner) {
		if (summary.changes().previousRunId() != null) {
			html.append("<h3>Newly failing since the previous audit (run ").append(summary.changes().previousRunId())
				.append(")</h3>\n");
			if (actions.newlyFailing().isEmpty()) {
				html.append("<p>None.</p>\n");
			}
			else {
				actionTable(html, actions.newlyFailing(), withOwner);
			}
			html.append("<h3>Still needing action, most urgent first</h3>\n");
		}
		else {
			html.append("<h3>Needs action, most urgent first</h3>\n");
		}
		if (!actions.others().isEmpty()) {
			actionTable(html, actions.others(), withOwner);
		}
	}

	private static void actionTable(StringBuilder html, List<ReportRow> rows, boolean withOwner) {
		html.append(TABLE).append("<tr>").append(th("Status")).append(th("Endpoint")).append(th("Expires"));
		if (withOwner) {
			html.append(th("Owner"));
		}
		html.append(th("What is wrong")).append(th("What to do")).append("</tr>\n");
		for (ReportRow row : rows) {
			html.append("<tr>").append(statusCell(row.status())).append(td(ReportFormatting.hostAndPort(row), null))
				.append(td(expiry(row), null));
			if (withOwner) {
				html.append(td(ReportFormatting.ownerAndContact(row.owner(), row.contact()), null));
			}
			html.append(td(reason(row), null)).append(td(remedy(row), null)).append("</tr>\n");
		}
		html.append("</table>\n");
	}

	/** "Example Org: TLS certificate audit", or without an organisation set, the audit alone. */
	private static String title(RunSummary summary) {
		return (summary.organisation() == null || summary.organisation().isBlank()) ? "TLS certificate audit"
				: "TLS certificate audit of " + summary.organisation();
	}

	private static String headline(RunSummary summary) {
		long newlyFailing = summary.changes().counts().get(ChangeKind.NEWLY_FAILING);
		String headline = summary.actionCount() + " of " + summary.total() + " endpoints need action";
		return (summary.changes().previousRunId() != null)
				? headline + "; " + newlyFailing + " newly failing since run " + summary.changes().previousRunId() + "."
				: headline + ".";
	}

	/**
	 * The expiry date, with the days to it while there are any, as people plan by dates: "expires on
	 * 2026-05-27, in 5 days", "expired on 2026-05-19".
	 */
	static String expiry(ReportRow row) {
		if (row.notAfter() == null) {
			return "";
		}
		String date = ReportFormatting.date(row.notAfter());
		Integer days = row.daysLeft();
		if (days == null) {
			return "expires on " + date;
		}
		if (days < 0) {
			return "expired on " + date;
		}
		// days as the Days left column counts them (DaysLeft): 0 is less than a day, not necessarily today
		return (days == 0) ? "expires on " + date + ", less than a day left" : "expires on " + date + ", in " + days(days);
	}

	private static String days(int days) {
		return days + ((days == 1) ? " day" : " days");
	}

	private static String owner(ReportRow row) {
		String owner = ReportFormatting.ownerAndContact(row.owner(), row.contact());
		return owner.isEmpty() ? "" : "owner " + owner;
	}

	/**
	 * What is wrong in sentences: the message of each finding above INFO, else the fetch error. Rule ids
	 * stay in the workbook; a reader of the mail may not know them.
	 */
	static String reason(ReportRow row) {
		List<String> sentences = new ArrayList<>(
				actionable(row).map(FindingView::message).map(ReportMailBody::sentence).toList());
		if (sentences.isEmpty() && row.error() != null && !row.error().isBlank()) {
			sentences.add(sentence(row.error()));
		}
		return String.join(" ", sentences);
	}

	/** What to do: each distinct remediation of the findings above INFO, in the order the analysis ranked them. */
	static String remedy(ReportRow row) {
		return actionable(row).map(FindingView::remediation)
			.filter((remediation) -> remediation != null && !remediation.isBlank())
			.distinct()
			.collect(Collectors.joining(" "));
	}

	private static Stream<FindingView> actionable(ReportRow row) {
		return row.findings().stream().filter((finding) -> finding.severity() != Severity.INFO);
	}

	private static String sentence(String text) {
		String trimmed = text.strip();
		if (trimmed.isEmpty()) {
			return trimmed;
		}
		String capitalised = trimmed.substring(0, 1).toUpperCase(Locale.ROOT) + trimmed.substring(1);
		return capitalised.matches("(?s).*[.!?]$") ? capitalised : capitalised + ".";
	}

	private static String skippedLines(RunSummary summary) {
		int skipped = summary.rejectedLines().size();
		return skipped + ((skipped == 1) ? " inventory line was" : " inventory lines were")
				+ " skipped as unreadable; the reports list them.";
	}

	private static String attached(List<Path> attachments) {
		List<String> guide = new ArrayList<>();
		List<String> names = attachments.stream().map((file) -> file.getFileName().toString()).toList();
		if (names.stream().anyMatch((name) -> name.endsWith(".xlsx"))) {
			guide.add("the workbook lists every endpoint with its findings");
		}
		if (names.stream().anyMatch((name) -> name.endsWith(".pdf"))) {
			guide.add("the PDF summarises the run");
		}
		if (names.stream().anyMatch((name) -> name.endsWith(".ics"))) {
			guide.add("the calendar file puts each certificate's renewal day in your calendar,"
					+ " and importing the next one updates those days");
		}
		String text = "Attached: " + String.join(", ", names) + ".";
		return guide.isEmpty() ? text : text + " " + sentence(String.join("; ", guide));
	}

	private static String th(String text) {
		return "<th align=\"left\" style=\"" + CELL_STYLE + "; text-align: left\">" + escape(text) + "</th>";
	}

	private static String td(String text, String align) {
		return "<td" + ((align != null) ? " align=\"" + align + "\"" : "") + " style=\"" + CELL_STYLE
				+ ((align != null) ? "; text-align: " + align : "") + "\">" + escape(text) + "</td>";
	}

	/** The status on its report colour, as attribute and style: Outlook reads the one, webmail the other. */
	private static String statusCell(Status status) {
		String colour = String.format("#%06X", StatusColours.rgb(status));
		return "<td bgcolor=\"" + colour + "\" style=\"" + CELL_STYLE + "; background-color: " + colour + "\">"
				+ status.name() + "</td>";
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
