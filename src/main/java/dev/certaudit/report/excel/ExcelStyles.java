package dev.certaudit.report.excel;

import java.util.EnumMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.FontUnderline;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import dev.certaudit.analysis.Status;
import dev.certaudit.report.StatusColours;

/**
 * Every cell style the workbook uses, created once: a workbook holds at most 64,000 styles, so one per
 * row would break large runs.
 */
final class ExcelStyles {

	final CellStyle header;

	final CellStyle dateTime;

	/** Blue and underlined, as readers expect a link to look. */
	final CellStyle link;

	private final Map<Status, CellStyle> statuses = new EnumMap<>(Status.class);

	ExcelStyles(XSSFWorkbook workbook) {
		XSSFFont bold = workbook.createFont();
		bold.setBold(true);
		header = workbook.createCellStyle();
		header.setFont(bold);

		dateTime = workbook.createCellStyle();
		dateTime.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
		// centred, so a date neither runs into the number before it nor into the text after it
		dateTime.setAlignment(HorizontalAlignment.CENTER);

		XSSFFont underlined = workbook.createFont();
		underlined.setUnderline(FontUnderline.SINGLE);
		underlined.setColor(new XSSFColor(rgbBytes(0x0563C1)));
		link = workbook.createCellStyle();
		link.setFont(underlined);

		for (Status status : Status.values()) {
			XSSFCellStyle fill = workbook.createCellStyle();
			fill.setFillForegroundColor(colour(status));
			fill.setFillPattern(FillPatternType.SOLID_FOREGROUND);
			statuses.put(status, fill);
		}
	}

	CellStyle status(Status status) {
		return statuses.get(status);
	}

	XSSFColor colour(Status status) {
		return new XSSFColor(rgbBytes(StatusColours.rgb(status)));
	}

	private static byte[] rgbBytes(int rgb) {
		return new byte[] { (byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb };
	}

}
