package dev.certaudit.report.pdf;

import java.awt.Color;
import java.util.List;

import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;

/**
 * A table handed to the document every few rows: OpenPDF lays out and drops the rows it has been given
 * while the table is incomplete, so memory holds at most one batch however long the table runs. The
 * header row repeats at the top of every page the table spans.
 */
final class StreamingTable {

	private static final int ROWS_PER_BATCH = 50;

	private static final Font HEADER_FONT = new Font(Font.HELVETICA, 9, Font.BOLD);

	private static final Color HEADER_FILL = new Color(0xE0E0E0);

	private final Document document;

	private final PdfPTable table;

	private int rows;

	StreamingTable(Document document, float[] relativeWidths, List<String> headers) {
		this.document = document;
		table = new PdfPTable(relativeWidths);
		table.setWidthPercentage(100);
		table.setHeaderRows(1);
		table.setComplete(false);
		for (String header : headers) {
			table.addCell(headerCell(header));
		}
	}

	/** A column's header, as every table of the PDF shows it. */
	static PdfPCell headerCell(String header) {
		PdfPCell cell = cell(header, HEADER_FONT);
		cell.setBackgroundColor(HEADER_FILL);
		return cell;
	}

	static PdfPCell cell(String text, Font font) {
		PdfPCell cell = new PdfPCell(new Phrase(text == null ? "" : text, font));
		cell.setPadding(3);
		return cell;
	}

	void addRow(PdfPCell... cells) {
		for (PdfPCell cell : cells) {
			table.addCell(cell);
		}
		if (++rows % ROWS_PER_BATCH == 0) {
			document.add(table);
		}
	}

	int rows() {
		return rows;
	}

	/** Adds the remaining rows; only a table that has rows belongs in the document at all. */
	void finish() {
		if (rows > 0) {
			table.setComplete(true);
			document.add(table);
		}
	}

}
