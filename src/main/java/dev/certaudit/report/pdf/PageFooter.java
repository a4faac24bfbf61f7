package dev.certaudit.report.pdf;

import java.awt.Color;

import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.ColumnText;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfWriter;

/** Names the run on every page, so a printed page that strays from the rest can still be placed. */
final class PageFooter extends PdfPageEventHelper {

	private static final Font FONT = new Font(Font.HELVETICA, 8, Font.NORMAL, Color.GRAY);

	private final String prefix;

	PageFooter(String organisation, long runId, String generatedAt) {
		prefix = (organisation.isBlank() ? "" : organisation + " · ") + "cert-audit run " + runId + " · generated "
				+ generatedAt + " · page ";
	}

	@Override
	public void onEndPage(PdfWriter writer, Document document) {
		float centre = (document.left() + document.right()) / 2;
		ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
				new Phrase(prefix + writer.getPageNumber(), FONT), centre, document.bottom() - 20, 0);
	}

}
