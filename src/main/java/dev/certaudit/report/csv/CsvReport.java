package dev.certaudit.report.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

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

	static String quoted(String field) {
		if (field == null) {
			return "";
		}
		if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
			return field;
		}
		return '"' + field.replace("\"", "\"\"") + '"';
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
