package dev.certaudit.report.excel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Appends rows to one sheet in order, which is all SXSSF allows once a row has left its window.
 * Column widths are fixed because {@code autoSizeColumn} would have to see every row. A sheet holds at
 * most 1,048,576 rows (Excel's limit): a table that outgrows it goes on in a sheet of its own beside it,
 * "Chains (2)", with the same header, so an estate of a million endpoints still gets every row.
 * Every sheet prints landscape and one page wide, as many pages long as it needs, a table's header row
 * repeated on each page: a table printed as it is on screen, not split into strips of columns.
 */
final class SheetWriter {

	record Column(String header, int widthInCharacters) {
	}

	private static final int EXCEL_MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

	private final SXSSFWorkbook workbook;

	private final String name;

	private final List<Integer> widths;

	private final List<Column> header;

	private final CellStyle headerStyle;

	private final int keyColumns;

	private final int maxRows;

	private final List<Sheet> sheets = new ArrayList<>();

	private Sheet sheet;

	private int nextRow;

	/**
	 * @param keyColumns the leading columns that say what a row is about (up to and including its host),
	 * kept in view beside the frozen header row while the rest scrolls
	 */
	SheetWriter(SXSSFWorkbook workbook, String name, List<Integer> widths, List<Column> header, CellStyle headerStyle,
			int keyColumns, int maxRows) {
		this.workbook = workbook;
		this.name = name;
		this.widths = widths;
		this.header = header;
		this.headerStyle = headerStyle;
		this.keyColumns = keyColumns;
		this.maxRows = maxRows;
		startSheet();
	}

	/** A sheet of a few rows that prints on one page. */
	static SheetWriter plain(SXSSFWorkbook workbook, String name, Integer... widths) {
		return new SheetWriter(workbook, name, List.of(widths), List.of(), null, 0, EXCEL_MAX_ROWS);
	}

	/**
	 * A sheet that is one table: its bold header, and its first {@code keyColumns} columns, stay in view
	 * while scrolling.
	 */
	static SheetWriter table(SXSSFWorkbook workbook, String name, List<Column> columns, int keyColumns,
			CellStyle headerStyle) {
		return new SheetWriter(workbook, name, columns.stream().map(Column::widthInCharacters).toList(), columns,
				headerStyle, keyColumns, EXCEL_MAX_ROWS);
	}

	RowWriter append() {
		if (this.nextRow == this.maxRows) {
			startSheet();
		}
		return new RowWriter(this.sheet.createRow(this.nextRow++));
	}

	/** The first cell of the row last appended, as a link names it: {@code 'Certificates (2)'!A5}. */
	String lastRowAddress() {
		return new CellReference(this.sheet.getSheetName(), this.nextRow - 1, 0, false, false).formatAsString();
	}

	/** Called once all rows are written, because the filter's range must reach the last one. */
	void filterAllRows() {
		forEachSheet((each, lastRow) -> each.setAutoFilter(new CellRangeAddress(0, lastRow, 0, this.widths.size() - 1)));
	}

	/**
	 * Prints every row of the table, and its columns up to {@code lastColumn}; text running on past the
	 * last printed column is cut there, so it cannot widen the page. Called once all rows are written.
	 */
	void printAllRows(int lastColumn) {
		forEachSheet((each, lastRow) -> this.workbook.setPrintArea(this.workbook.getSheetIndex(each), 0, lastColumn, 0,
				lastRow));
	}

	int columns() {
		return this.widths.size();
	}

	/** The index of the column with this header. */
	int column(String header) {
		return this.header.stream().map(Column::header).toList().indexOf(header);
	}

	/** Every sheet of the table with the index of its last row, once all rows are written. */
	void forEachSheet(ObjIntConsumer<Sheet> action) {
		for (Sheet each : this.sheets) {
			action.accept(each, (each == this.sheet) ? this.nextRow - 1 : this.maxRows - 1);
		}
	}

	private void startSheet() {
		String sheetName = this.sheets.isEmpty() ? this.name : this.name + " (" + (this.sheets.size() + 1) + ")";
		Sheet previous = this.sheet;
		this.sheet = this.workbook.createSheet(sheetName);
		if (previous != null) {
			this.workbook.setSheetOrder(sheetName, this.workbook.getSheetIndex(previous) + 1);
		}
		this.sheets.add(this.sheet);
		for (int i = 0; i < this.widths.size(); i++) {
			this.sheet.setColumnWidth(i, this.widths.get(i) * 256);
		}
		this.nextRow = 0;
		PrintSetup print = this.sheet.getPrintSetup();
		print.setLandscape(true);
		this.sheet.setFitToPage(true);
		print.setFitWidth((short) 1);
		if (this.header.isEmpty()) {
			print.setFitHeight((short) 1);
			return;
		}
		// 0: as many pages long as the rows need
		print.setFitHeight((short) 0);
		RowWriter headerRow = new RowWriter(this.sheet.createRow(this.nextRow++));
		this.header.forEach((column) -> headerRow.text(column.header(), this.headerStyle));
		this.sheet.createFreezePane(this.keyColumns, 1);
		this.sheet.setRepeatingRows(new CellRangeAddress(0, 0, -1, -1));
	}

}
