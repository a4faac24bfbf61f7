package dev.certaudit.report.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.certaudit.analysis.Status;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.inventory.RejectedLine;
import dev.certaudit.report.FindingView;
import dev.certaudit.report.ReportDocument;
import dev.certaudit.report.ReportFiles;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;
import dev.certaudit.report.excel.SheetWriter.Column;

/**
 * The whole audit as a workbook for the people who sort and filter it: every endpoint, every finding,
 * every name discovery tried and every skipped inventory line. SXSSF keeps only a window of rows per sheet in memory and spills the rest
 * to temporary files, which is why every sheet is created up front and only appended to.
 */
public final class ExcelReport implements ReportDocument {

	private static final Logger log = LoggerFactory.getLogger(ExcelReport.class);

	private static final int ROW_WINDOW = 100;

	private static final List<Column> CERTIFICATE_COLUMNS = List.of(new Column("Host", 32), new Column("Port", 7),
			new Column("Protocol", 10), new Column("Address", 20), new Column("Owner", 18), new Column("Labels", 18),
			new Column("Status", 15), new Column("Days left", 10), new Column("Not before (UTC)", 17),
			new Column("Not after (UTC)", 17), new Column("Subject", 40), new Column("Issuer", 40),
			new Column("SANs", 50), new Column("Findings", 30), new Column("Error", 50), new Column("Attempts", 10));

	private static final List<Column> FINDING_COLUMNS = List.of(new Column("Host", 32), new Column("Port", 7),
			new Column("Address", 20), new Column("Rule", 28), new Column("Severity", 10), new Column("Message", 60),
			new Column("Remediation", 60));

	private static final List<Column> DISCOVERY_COLUMNS = List.of(new Column("Name", 36), new Column("Result", 12),
			new Column("Addresses", 40), new Column("CNAME chain", 50), new Column("Detail", 40));

	private static final List<Column> REJECTED_COLUMNS = List.of(new Column("Origin (file:line)", 30),
			new Column("Line", 60), new Column("Reason", 60));

	private SXSSFWorkbook workbook;

	private ExcelStyles styles;

	private Path file;

	private SheetWriter certificates;

	private SheetWriter findings;

	private SheetWriter discovery;

	private SheetWriter rejected;

	@Override
	public String extension() {
		return "xlsx";
	}

	@Override
	public void begin(RunSummary summary, Path file) {
		this.file = file;
		workbook = new SXSSFWorkbook(ROW_WINDOW);
		styles = new ExcelStyles(workbook.getXSSFWorkbook());
		writeSummary(summary);
		certificates = SheetWriter.table(workbook, "Certificates", CERTIFICATE_COLUMNS, styles.header);
		findings = SheetWriter.table(workbook, "Findings", FINDING_COLUMNS, styles.header);
		discovery = SheetWriter.table(workbook, "Discovery", DISCOVERY_COLUMNS, styles.header);
		rejected = SheetWriter.table(workbook, "Inventory errors", REJECTED_COLUMNS, styles.header);
		for (RejectedLine line : summary.rejectedLines()) {
			rejected.append().text(line.origin()).text(line.line()).text(line.reason());
		}
	}

	private void writeSummary(RunSummary summary) {
		SheetWriter sheet = SheetWriter.plain(workbook, "Summary", 26, 60);
		sheet.append().text("Run id", styles.header).number(summary.runId());
		sheet.append().text("Started at (UTC)", styles.header).dateTime(summary.startedAt(), styles.dateTime);
		sheet.append().text("Generated at (UTC)", styles.header).dateTime(summary.generatedAt(), styles.dateTime);
		sheet.append().text("Inventories", styles.header).text(String.join(", ", summary.inventories()));
		sheet.append().text("Total endpoints", styles.header).number(summary.total());
		for (Status status : Status.values()) {
			sheet.append().text(status.name(), styles.status(status)).number(summary.count(status));
		}
		sheet.append().text("Rejected inventory lines", styles.header).number(summary.rejectedLines().size());
		sheet.append().text("Names looked up in DNS", styles.header).number(summary.namesTried());
		for (Outcome outcome : Outcome.values()) {
			sheet.append().text("Names " + outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '), styles.header)
				.number(summary.names(outcome));
		}
	}

	@Override
	public void addDiscovery(List<NameResolution> names) {
		for (NameResolution name : names) {
			discovery.append()
				.text(name.name())
				.text(name.outcome().name())
				.text(String.join(", ", name.addresses()))
				.text(String.join(" -> ", name.cnameChain()))
				.text(name.detail());
		}
	}

	@Override
	public void add(List<ReportRow> rows) {
		for (ReportRow row : rows) {
			certificates.append()
				.text(row.host())
				.number(row.port())
				.text(row.protocol())
				.text(row.address())
				.text(row.owner())
				.text(row.labels())
				.text(row.status().name(), styles.status(row.status()))
				.number(row.daysLeft())
				.dateTime(row.notBefore(), styles.dateTime)
				.dateTime(row.notAfter(), styles.dateTime)
				.text(row.subject())
				.text(row.issuer())
				.text(ReportFormatting.subjectAltNames(row))
				.text(ReportFormatting.ruleIds(row))
				.text(row.error())
				.number(row.attempts());
			for (FindingView finding : row.findings()) {
				findings.append()
					.text(row.host())
					.number(row.port())
					.text(row.address())
					.text(finding.ruleId())
					.text(finding.severity().name())
					.text(finding.message())
					.text(finding.remediation());
			}
		}
	}

	@Override
	public void finish() throws IOException {
		certificates.filterAllRows();
		findings.filterAllRows();
		discovery.filterAllRows();
		rejected.filterAllRows();
		Path temporary = ReportFiles.temporaryBeside(file);
		try {
			try (OutputStream out = Files.newOutputStream(temporary)) {
				workbook.write(out);
			}
			ReportFiles.publish(temporary, file);
		}
		finally {
			ReportFiles.discard(temporary);
			close();
		}
	}

	@Override
	public void close() {
		if (workbook == null) {
			return;
		}
		// In POI 5.5 close() also deletes the temporary sheet files (dispose() is deprecated), but it shuts
		// them before flushing the rows still in memory and logs that as a failure; flushing first spares
		// an abandoned run that false alarm.
		try {
			try {
				for (Sheet sheet : workbook) {
					((SXSSFSheet) sheet).flushRows();
				}
			}
			finally {
				workbook.close();
			}
		}
		catch (IOException ex) {
			log.warn("Could not release the workbook's temporary files", ex);
		}
		workbook = null;
	}

}
