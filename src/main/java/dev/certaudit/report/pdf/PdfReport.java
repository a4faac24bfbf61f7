package dev.certaudit.report.pdf;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

import dev.certaudit.analysis.Status;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.inventory.RejectedLine;
import dev.certaudit.report.ReportDocument;
import dev.certaudit.report.ReportFiles;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;
import dev.certaudit.report.StatusColours;

/**
 * The audit for leadership: headline counts, then the endpoints someone must act on, then those in good
 * order. Rows arrive most urgent first, so one pass fills the action table until the first OK row and
 * the good-order table after it, and the document is written to disk as pages fill.
 */
public final class PdfReport implements ReportDocument {

	private static final Font TITLE_FONT = new Font(Font.HELVETICA, 18, Font.BOLD);

	private static final Font HEADING_FONT = new Font(Font.HELVETICA, 13, Font.BOLD);

	private static final Font BODY_FONT = new Font(Font.HELVETICA, 9);

	private static final Font BOLD_FONT = new Font(Font.HELVETICA, 9, Font.BOLD);

	private static final float[] ENDPOINT_WIDTHS = { 1.8f, 3.4f, 2.2f, 0.9f, 1.3f, 2f, 4f };

	private static final List<String> ENDPOINT_HEADERS = List.of("Status", "Host:Port", "Address", "Days left",
			"Not after", "Owner", "Findings or error");

	private Document document;

	private OutputStream out;

	private Path file;

	private Path temporary;

	private RunSummary summary;

	private StreamingTable needsAction;

	/** Null until the first OK row, which ends the action section. */
	private StreamingTable inGoodOrder;

	@Override
	public String extension() {
		return "pdf";
	}

	@Override
	public void begin(RunSummary summary, Path file) throws IOException {
		this.summary = summary;
		this.file = file;
		Path target = ReportFiles.temporaryBeside(file);
		out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		temporary = target;
		document = new Document(PageSize.A4.rotate(), 36, 36, 36, 48);
		PdfWriter writer = PdfWriter.getInstance(document, out);
		writer.setPageEvent(new PageFooter(summary.runId(), ReportFormatting.dateTime(summary.generatedAt())));
		document.addTitle("TLS certificate audit, run " + summary.runId());
		document.open();

		text("TLS certificate audit", TITLE_FONT, 0);
		text("Run " + summary.runId() + " · started " + ReportFormatting.dateTime(summary.startedAt())
				+ " · inventories: " + String.join(", ", summary.inventories()), BODY_FONT, 4);
		document.add(headline(summary));
		if (summary.namesTried() > 0) {
			text("Discovery: " + summary.namesTried() + " names looked up in DNS, " + summary.names(Outcome.FOUND)
					+ " found, " + summary.names(Outcome.NOT_FOUND) + " not found, " + summary.names(Outcome.FAILED)
					+ " failed (the workbook's Discovery sheet lists them).", BODY_FONT, 8);
		}
		heading("Needs action first");
		needsAction = endpointTable();
	}

	private PdfPTable headline(RunSummary summary) {
		PdfPTable table = new PdfPTable(new float[] { 2, 1 });
		table.setWidthPercentage(30);
		table.setHorizontalAlignment(Element.ALIGN_LEFT);
		table.setSpacingBefore(12);
		table.addCell(StreamingTable.cell("Status", BOLD_FONT));
		table.addCell(StreamingTable.cell("Endpoints", BOLD_FONT));
		for (Status status : Status.values()) {
			table.addCell(statusCell(status));
			table.addCell(count(summary.count(status), BODY_FONT));
		}
		table.addCell(StreamingTable.cell("Total", BOLD_FONT));
		table.addCell(count(summary.total(), BOLD_FONT));
		return table;
	}

	/** Leadership reads the discovery counts in the headline; the names themselves are the workbook's. */
	@Override
	public void addDiscovery(List<NameResolution> names) {
	}

	@Override
	public void add(List<ReportRow> rows) {
		for (ReportRow row : rows) {
			if (!row.status().needsAction() && inGoodOrder == null) {
				endActionSection();
				heading("In good order");
				inGoodOrder = endpointTable();
			}
			else if (row.status().needsAction() && inGoodOrder != null) {
				throw new IllegalArgumentException(ReportFormatting.hostAndPort(row) + " is " + row.status()
						+ " but arrived after rows in good order; rows must come most urgent first");
			}
			(inGoodOrder == null ? needsAction : inGoodOrder).addRow(endpointCells(row));
		}
	}

	private PdfPCell[] endpointCells(ReportRow row) {
		PdfPCell daysLeft = StreamingTable.cell(row.daysLeft() == null ? "" : row.daysLeft().toString(), BODY_FONT);
		daysLeft.setHorizontalAlignment(Element.ALIGN_RIGHT);
		return new PdfPCell[] { statusCell(row.status()),
				StreamingTable.cell(ReportFormatting.hostAndPort(row), BODY_FONT),
				StreamingTable.cell(row.address(), BODY_FONT), daysLeft,
				StreamingTable.cell(ReportFormatting.date(row.notAfter()), BODY_FONT),
				StreamingTable.cell(row.owner(), BODY_FONT),
				StreamingTable.cell(ReportFormatting.findingsOrError(row), BODY_FONT) };
	}

	@Override
	public void finish() throws IOException {
		try {
			if (inGoodOrder == null) {
				endActionSection();
				heading("In good order");
				text("No endpoint is in good order.", BODY_FONT, 0);
			}
			else {
				inGoodOrder.finish();
			}
			if (!summary.rejectedLines().isEmpty()) {
				writeRejectedLines();
			}
			document.close();
			out.close();
			ReportFiles.publish(temporary, file);
			temporary = null;
		}
		finally {
			close();
		}
	}

	private void endActionSection() {
		if (needsAction.rows() == 0) {
			text("Nothing needs action: every audited endpoint is in good order.", BODY_FONT, 0);
		}
		else {
			needsAction.finish();
		}
	}

	private void writeRejectedLines() {
		heading("Inventory lines skipped");
		text("These lines could not be read, so the endpoints they name were not audited.", BODY_FONT, 0);
		StreamingTable table = new StreamingTable(document, new float[] { 1, 3 }, List.of("Origin", "Reason"));
		for (RejectedLine line : summary.rejectedLines()) {
			table.addRow(StreamingTable.cell(line.origin(), BODY_FONT), StreamingTable.cell(line.reason(), BODY_FONT));
		}
		table.finish();
	}

	/** Drops the half-written file; the document is abandoned, since closing it would lay out pages. */
	@Override
	public void close() {
		if (temporary == null) {
			return;
		}
		try {
			out.close();
		}
		catch (IOException ex) {
			// The file is deleted next, so a failure to flush it loses nothing.
		}
		ReportFiles.discard(temporary);
		temporary = null;
	}

	private StreamingTable endpointTable() {
		return new StreamingTable(document, ENDPOINT_WIDTHS, ENDPOINT_HEADERS);
	}

	private void heading(String text) {
		text(text, HEADING_FONT, 14);
	}

	/**
	 * Text goes into a borderless one-cell table because OpenPDF draws paragraphs and tables on separate
	 * layers of a page: mixed, every heading would come before all table text when the PDF is searched,
	 * copied or read aloud.
	 */
	private void text(String text, Font font, float spacingBefore) {
		PdfPCell cell = StreamingTable.cell(text, font);
		cell.setBorder(Rectangle.NO_BORDER);
		cell.setPaddingLeft(0);
		cell.setPaddingBottom(5);
		PdfPTable block = new PdfPTable(1);
		block.setWidthPercentage(100);
		block.setSpacingBefore(spacingBefore);
		block.addCell(cell);
		document.add(block);
	}

	private static PdfPCell statusCell(Status status) {
		PdfPCell cell = StreamingTable.cell(status.name(), BODY_FONT);
		cell.setBackgroundColor(new Color(StatusColours.rgb(status)));
		return cell;
	}

	private static PdfPCell count(long count, Font font) {
		PdfPCell cell = StreamingTable.cell(Long.toString(count), font);
		cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
		return cell;
	}

}
