package dev.certaudit.report.excel;

import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

import dev.certaudit.analysis.Status;
import dev.certaudit.analysis.Thresholds;

/**
 * Colours a column of days left as the run judged expiry: past expiry, within the critical days, within
 * the warning days, each in its status's colour. Conditional formatting rather than a style per cell, so
 * the colour follows the number when someone edits or sorts it, and a filter by colour finds the rows.
 */
final class DaysLeftColours {

	private final Thresholds thresholds;

	private final ExcelStyles styles;

	DaysLeftColours(Thresholds thresholds, ExcelStyles styles) {
		this.thresholds = thresholds;
		this.styles = styles;
	}

	/** Colours rows 2 to {@code lastRow} (0-based) of {@code column}, nothing when the table is empty. */
	void apply(Sheet sheet, int column, int lastRow) {
		if (lastRow < 1) {
			return;
		}
		SheetConditionalFormatting formatting = sheet.getSheetConditionalFormatting();
		// relative to the first cell of the range; a blank cell counts as 0 in a comparison, so it is
		// left out: an endpoint without a certificate has no days left, not 0
		String cell = CellReference.convertNumToColString(column) + "2";
		ConditionalFormattingRule[] rules = {
				rule(formatting, "AND(ISNUMBER(" + cell + ")," + cell + "<0)", Status.EXPIRED),
				rule(formatting, "AND(ISNUMBER(" + cell + ")," + cell + "<=" + this.thresholds.criticalDays() + ")",
						Status.CRITICAL),
				rule(formatting, "AND(ISNUMBER(" + cell + ")," + cell + "<=" + this.thresholds.warningDays() + ")",
						Status.WARNING) };
		formatting.addConditionalFormatting(
				new CellRangeAddress[] { new CellRangeAddress(1, lastRow, column, column) }, rules);
	}

	private ConditionalFormattingRule rule(SheetConditionalFormatting formatting, String formula, Status status) {
		ConditionalFormattingRule rule = formatting.createConditionalFormattingRule(formula);
		rule.createPatternFormatting().setFillBackgroundColor(this.styles.colour(status));
		return rule;
	}

}
