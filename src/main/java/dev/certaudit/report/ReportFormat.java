package dev.certaudit.report;

import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.certaudit.report.csv.EndpointsCsv;
import dev.certaudit.report.csv.FindingsCsv;
import dev.certaudit.report.excel.ExcelReport;
import dev.certaudit.report.ics.RenewalCalendar;
import dev.certaudit.report.json.JsonReport;
import dev.certaudit.report.pdf.PdfReport;

/**
 * The formats a run's reports are written in ({@code cert-audit.reports.formats}): the workbook, the PDF
 * and the renewal calendar for people, which the report mail attaches, and CSV and JSON exports for
 * other tools. Each format names the files it writes and the document that writes each, so that the
 * mail can name the files without making a document, and a new format is one package under
 * {@code report/} and one constant here.
 */
public enum ReportFormat {

	XLSX(true, new Output("xlsx", ExcelReport::new)),

	PDF(true, new Output("pdf", PdfReport::new)),

	/** Two files, as a CSV file is one flat table: the endpoints, and the findings with their endpoint. */
	CSV(false, new Output("endpoints", "csv", EndpointsCsv::new), new Output("findings", "csv", FindingsCsv::new)),

	JSON(false, new Output("json", JsonReport::new)),

	/** An iCalendar file (RFC 5545) with each certificate's renewal day, to import into a team's calendar. */
	ICS(true, new Output(null, "ics", RenewalCalendar::new));

	private final boolean mailed;

	private final List<Output> outputs;

	ReportFormat(boolean mailed, Output... outputs) {
		this.mailed = mailed;
		this.outputs = List.of(outputs);
	}

	/**
	 * Whether the report mail attaches it: people read the workbook and the PDF and import the calendar,
	 * tools fetch the exports.
	 */
	public boolean mailed() {
		return this.mailed;
	}

	/**
	 * The names of the files the formats write for the run, in the order of {@link #outputs}; the mail
	 * attaches them in this order.
	 */
	public static List<String> fileNames(Collection<ReportFormat> formats, RunSummary summary) {
		return outputs(formats).stream().map((output) -> output.fileName(summary)).toList();
	}

	/**
	 * The files the formats write, each format once and in the order of this enum whatever the order of
	 * the settings, so a run's reports come out the same however the formats are listed.
	 */
	static List<Output> outputs(Collection<ReportFormat> formats) {
		return formats.stream().distinct().sorted().flatMap((format) -> format.outputs.stream()).toList();
	}

	/**
	 * One file of a format and the document that writes it.
	 * @param part the part of the run the file holds when its format writes several, else null
	 * @param document makes the document with the settings it needs
	 */
	record Output(String part, String extension, Function<ReportSettings, ReportDocument> document) {

		/** A document that needs no settings. */
		Output(String part, String extension, Supplier<ReportDocument> document) {
			this(part, extension, (settings) -> document.get());
		}

		Output(String extension, Supplier<ReportDocument> document) {
			this(null, extension, document);
		}

		/** {@code cert-audit-<date>.<extension>} or {@code cert-audit-<date>-<part>.<extension>}. */
		String fileName(RunSummary summary) {
			return (this.part != null) ? ReportFiles.name(summary, this.part, this.extension)
					: ReportFiles.name(summary, this.extension);
		}

	}

}
