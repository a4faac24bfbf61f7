package dev.certaudit.report.excel;

import java.util.List;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import dev.certaudit.history.RunJudgement;
import dev.certaudit.report.excel.SheetWriter.Column;

/**
 * The Settings sheet: one row per setting the run judged its endpoints by, as the run recorded it, so a
 * verdict that differs from another run's can be traced to the setting that differs. The Summary names
 * them by their digest.
 */
final class SettingsSheet {

	private static final List<Column> COLUMNS = List.of(new Column("Setting", 30), new Column("Value", 60));

	private SettingsSheet() {
	}

	static void write(SXSSFWorkbook workbook, ExcelStyles styles, RunJudgement judgement) {
		SheetWriter sheet = SheetWriter.table(workbook, "Settings", COLUMNS, 1, styles.header);
		for (RunJudgement.Setting setting : judgement.settings()) {
			sheet.append().text(setting.name()).text(setting.value());
		}
	}

}
