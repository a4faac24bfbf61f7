package dev.certaudit.report.excel;

import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Appends rows to one sheet in order, which is all SXSSF allows once a row has left its window.
 * Column widths are fixed because {@code autoSizeColumn} would have to see every row.
 */
final class SheetWriter {

	record Column(String header, int widthInCharacters) {
	}

	private final Sheet sheet;

	private final int columns;

	private int nextRow;

	private SheetWriter(SXSSFWorkbook workbook, String name, List<Integer> widths) {
		sheet = workbook.createSheet(name);
		columns = widths.size();
		for (int i = 0; i < columns; i++) {
			sheet.setColumnWidth(i, widths.get(i) * 256);
		}
	}

	static SheetWriter plain(SXSSFWorkbook workbook, String name, Integer... widths) {
		return new SheetWriter(workbook, name, List.of(widths));
	}

	/** A sheet that is one table: its bold header stays in view while scrolling. */
	static SheetWriter table(SXSSFWorkbook workbook, String name, List<Column> columns, CellStyle headerStyle) {
		SheetWriter writer = new SheetWriter(workbook, name, columns.stream().map(Column::widthInCharacters).toList());
		RowWriter header = writer.append();
		columns.forEach(column -> header.text(column.header(), headerStyle));
		writer.sheet.createFreezePane(0, 1);
		return writer;
	}

	RowWriter append() {
		return new RowWriter(sheet.createRow(nextRow++));
	}

	/** Called once all rows are written, because the filter's range must reach the last one. */
	void filterAllRows() {
		sheet.setAutoFilter(new CellRangeAddress(0, nextRow - 1, 0, columns - 1));
	}

}
