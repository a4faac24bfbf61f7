package dev.certaudit.report.excel;

import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import dev.certaudit.analysis.Status;
import dev.certaudit.report.RunSummary;
import dev.certaudit.report.TrendPoint;
import dev.certaudit.report.excel.SheetWriter.Column;

/**
 * The History sheet: one row per run of the same inventories, oldest first as a chart's axis runs, with
 * its counts by status, those needing action and those expiring soon, so an operator charts or filters
 * the trend the PDF draws.
 */
final class HistorySheet {

	private static final List<Column> COLUMNS = columns();

	private HistorySheet() {
	}

	static void write(SXSSFWorkbook workbook, ExcelStyles styles, RunSummary summary) {
		SheetWriter sheet = SheetWriter.table(workbook, "History", COLUMNS, 1, styles.header);
		for (TrendPoint run : summary.trend()) {
			RowWriter row = sheet.append()
				.number(run.runId())
				.dateTime(run.startedAt(), styles.dateTime)
				.number(run.endpoints())
				.number(run.needAction());
			for (Status status : Status.values()) {
				row.number(run.count(status));
			}
			row.number(run.expiring());
		}
		sheet.filterAllRows();
	}

	private static List<Column> columns() {
		List<Column> columns = new ArrayList<>(List.of(new Column("Run", 8), new Column("Started (UTC)", 17),
				new Column("Endpoints", 11), new Column("Need action", 12)));
		for (Status status : Status.values()) {
			columns.add(new Column(status.name(), 15));
		}
		// each run counts by the warning days it was judged with
		columns.add(new Column("Expiring within warning days", 28));
		return List.copyOf(columns);
	}

}
