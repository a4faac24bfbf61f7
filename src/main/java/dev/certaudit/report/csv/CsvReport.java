package dev.certaudit.report.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import dev.certaudit.report.PendingFile;
import dev.certaudit.report.ReportDocument;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;

/**
 * A CSV export for other tools (RFC 4180: UTF-8, a header line, CRLF line ends, fields quoted when they
 * hold a comma, a quote or a line break, quotes doubled; timestamps ISO 8601 in UTC). Its columns are
 * a stable schema, named like the properties of the JSON export, so new ones are only ever appended.
 * Records are written as rows stream in, to a temporary file published by {@link #finish}.
 */
public abstract sealed class CsvReport implements ReportDocument permits EndpointsCsv, FindingsCsv {

	/** What spreadsheets read as the start of a formula (OWASP, CSV Injection). */
	private static final String FORMULA_START = "=+-@\t\r";

	private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");

	private long runId;

	private PendingFile pending;

	private Writer out;

	abstract List<String> header();

	abstract void write(ReportRow row) throws IOException;

	@Override
	public final void begin(RunSummary summary, Path file) throws IOException {
		this.runId = summary.runId();
		this.pending = PendingFile.beside(file);
		this.out = new BufferedWriter(new OutputStreamWriter(this.pending.out(), StandardCharsets.UTF_8));
		record(header());
	}

	@Override
	public final void add(List<ReportRow> rows) throws IOException {
		for (ReportRow row : rows) {
			write(row);
		}
	}

	final String runId() {
		return Long.toString(this.runId);
	}

	/** One record; a null field is empty. */
	final void record(List<String> fields) throws IOException {
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) {
				this.out.write(',');
			}
			this.out.write(quoted(fields.get(i)));
		}
		this.out.write("\r\n");
	}

	/**
	 * A field as RFC 4180 writes it. Text a spreadsheet would take for a formula (a SAN of
	 * {@code =HYPERLINK(...)}) gets a single quote in front, as OWASP advises against CSV injection;
	 * numbers, negative ones included, are left as they are.
	 */
	static String quoted(String field) {
		if (field == null) {
			return "";
		}
		String inert = (!field.isEmpty() && FORMULA_START.indexOf(field.charAt(0)) >= 0
				&& !NUMBER.matcher(field).matches()) ? "'" + field : field;
		if (inert.indexOf(',') < 0 && inert.indexOf('"') < 0 && inert.indexOf('\n') < 0 && inert.indexOf('\r') < 0) {
			return inert;
		}
		return '"' + inert.replace("\"", "\"\"") + '"';
	}

	@Override
	public final void finish() throws IOException {
		try {
			this.out.flush();
			this.pending.publish();
		}
		finally {
			close();
		}
	}

	@Override
	public final void close() {
		if (this.pending != null) {
			this.pending.close();
			this.pending = null;
		}
	}

}
