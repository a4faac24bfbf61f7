package dev.certaudit.report.excel;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;

/**
 * Fills one row left to right. A missing value leaves its cell out, so Excel's filters show it as
 * "(Blanks)" and sums and sorts skip it.
 */
final class RowWriter {

	/** Longer text makes POI throw, and one long error message must not lose the whole report. */
	private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

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
