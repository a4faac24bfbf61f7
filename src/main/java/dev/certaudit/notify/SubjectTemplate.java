package dev.certaudit.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.certaudit.analysis.Status;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.RunSummary;

/**
 * The subject line of the report mail, with placeholders for what the run found, so a mailbox rule or
 * a glance at the inbox tells a bad night from a quiet one. An unknown placeholder is refused when the
 * template is read rather than mailed as written.
 */
public final class SubjectTemplate {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private static final Map<String, Function<RunSummary, Object>> VALUES = values();

	private final String template;

	private SubjectTemplate(String template) {
		this.template = template;
	}

	/** @throws IllegalArgumentException naming the unknown placeholder and the known ones */
	public static SubjectTemplate parse(String template) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		while (matcher.find()) {
			if (!VALUES.containsKey(matcher.group(1))) {
				throw new IllegalArgumentException("cert-audit.mail.subject: unknown placeholder " + matcher.group()
						+ "; known: {" + String.join("}, {", VALUES.keySet()) + "}");
			}
		}
		// a line break in a header would end it: the rest of the subject would be read as other headers
		return new SubjectTemplate(template.replaceAll("[\\r\\n]+", " ").strip());
	}

	public String render(RunSummary summary) {
		return PLACEHOLDER.matcher(this.template)
			.replaceAll((match) -> Matcher.quoteReplacement(
					String.valueOf(VALUES.get(match.group(1)).apply(summary))));
	}

	private static Map<String, Function<RunSummary, Object>> values() {
		Map<String, Function<RunSummary, Object>> values = new LinkedHashMap<>();
		values.put("run", RunSummary::runId);
		values.put("date", (summary) -> ReportFormatting.date(summary.startedAt()));
		values.put("total", RunSummary::total);
		values.put("problems", (summary) -> summary.total() - summary.count(Status.OK));
		for (Status status : Status.values()) {
			values.put(status.name().toLowerCase().replace('_', '-'), (summary) -> summary.count(status));
		}
		values.put("organisation", (summary) -> summary.organisation().replaceAll("[\\r\\n]+", " "));
		return values;
	}

	@Override
	public String toString() {
		return this.template;
	}

}
