package dev.certaudit.report.pdf;

import java.awt.Color;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Names the run and the page, "page 3 of 7", on every page, so a printed page that strays from the rest
 * can still be placed, and a reader knows none is missing. The pages are written as they fill, before
 * their number is known: each footer shows the same template, written once the document closes.
 */
final class PageFooter extends PdfPageEventHelper {

	private static final Font FONT = new Font(Font.HELVETICA, 8, Font.NORMAL, Color.GRAY);

	/** Room for the page count: six digits, more than any run's PDF has pages. */
	private static final String WIDEST_COUNT = "000000";

	private final String prefix;

	private PdfTemplate pageCount;

	PageFooter(String organisation, long runId, String generatedAt) {
		prefix = (organisation.isBlank() ? "" : organisation + " · ") + "cert-audit run " + runId + " · generated "
				+ generatedAt + " · page ";
	}

	@Override
	public void onOpenDocument(PdfWriter writer, Document document) {
		BaseFont font = FONT.getCalculatedBaseFont(false);
		pageCount = writer.getDirectContent()
			.createTemplate(font.getWidthPoint(WIDEST_COUNT, FONT.getSize()),
					font.getAscentPoint(WIDEST_COUNT, FONT.getSize()) - font.getDescentPoint(WIDEST_COUNT, FONT.getSize()));
	}

	/** Centred as if the count had as many digits as this page's number, which it mostly has. */
	@Override
	public void onEndPage(PdfWriter writer, Document document) {
		BaseFont font = FONT.getCalculatedBaseFont(false);
		String text = prefix + writer.getPageNumber() + " of ";
		float textWidth = font.getWidthPoint(text, FONT.getSize());
		float countWidth = font.getWidthPoint(Integer.toString(writer.getPageNumber()), FONT.getSize());
		float left = (document.left() + document.right() - textWidth - countWidth) / 2;
		float baseline = document.bottom() - 20;
		PdfContentByte canvas = writer.getDirectContent();
		ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT, new Phrase(text, FONT), left, baseline, 0);
		canvas.addTemplate(pageCount, left + textWidth,
				baseline + font.getDescentPoint(WIDEST_COUNT, FONT.getSize()));
	}

	/** The document has closed its last page, so the page number has moved one past it. */
	@Override
	public void onCloseDocument(PdfWriter writer, Document document) {
		BaseFont font = FONT.getCalculatedBaseFont(false);
		pageCount.beginText();
		pageCount.setFontAndSize(font, FONT.getSize());
		pageCount.setColorFill(FONT.getColor());
		pageCount.setTextMatrix(0, -font.getDescentPoint(WIDEST_COUNT, FONT.getSize()));
		pageCount.showText(Integer.toString(writer.getPageNumber() - 1));
		pageCount.endText();
	}

}
