package dev.certaudit.report.excel;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Hyperlink;
import org.apache.poi.ss.usermodel.Row;

/**
 * Fills one row left to right. A missing value leaves its cell out, so Excel's filters show it as
 * "(Blanks)" and sums and sorts skip it.
 */
final class RowWriter {

	/** Longer text makes POI throw, and one long error message must not lose the whole report. */
	private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

	/** The longest text a formula may quote (Excel's specifications and limits). */
	private static final int MAX_FORMULA_TEXT = 255;

	private final Row row;

	private int column;

	RowWriter(Row row) {
		this.row = row;
	}

	RowWriter text(String value) {
		return text(value, null);
	}

	RowWriter text(String value, CellStyle style) {
		if (value == null || value.isEmpty()) {
			return skip();
		}
		next(style).setCellValue(value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT - 1) + "…" : value);
		return this;
	}

	/**
	 * Text that takes the reader to {@code target}, a cell of this workbook ({@code 'Certificates'!A5}).
	 * Written as a {@code HYPERLINK} formula, not a cell hyperlink: SXSSF keeps each cell hyperlink in
	 * memory until the whole workbook is written, which a link on each of a million rows would not survive,
	 * while a formula leaves with its row. Text too long for a formula is written without its link.
	 */
	RowWriter link(String value, String target, CellStyle style) {
		if (value == null || value.length() > MAX_FORMULA_TEXT) {
			return text(value);
		}
		Cell cell = next(style);
		// the value first: it is kept as the formula's result, which readers that do not recalculate show
		cell.setCellValue(value);
		cell.setCellFormula("HYPERLINK(" + quoted("#" + target) + "," + quoted(value) + ")");
		return this;
	}

	/** The sheet's name as a link to its first cell, for a table of contents. */
	RowWriter sheetLink(String sheetName, CellStyle style) {
		Cell cell = next(style);
		cell.setCellValue(sheetName);
		Hyperlink link = this.row.getSheet().getWorkbook().getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
		link.setAddress("'" + sheetName.replace("'", "''") + "'!A1");
		cell.setHyperlink(link);
		return this;
	}

	private static String quoted(String text) {
		return '"' + text.replace("\"", "\"\"") + '"';
	}

	RowWriter number(Number value) {
		if (value == null) {
			return skip();
		}
		next(null).setCellValue(value.doubleValue());
		return this;
	}

	/** Excel dates have no zone; the sheet states that its times are UTC. */
	RowWriter dateTime(Instant value, CellStyle style) {
		if (value == null) {
			return skip();
		}
		next(style).setCellValue(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
		return this;
	}

	private RowWriter skip() {
		column++;
		return this;
	}

	private Cell next(CellStyle style) {
		Cell cell = row.createCell(column++);
		if (style != null) {
			cell.setCellStyle(style);
		}
		return cell;
	}

}
