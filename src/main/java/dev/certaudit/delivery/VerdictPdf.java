package dev.certaudit.delivery;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Rectangle;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Status;
import dev.certaudit.report.PendingFile;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.StatusColours;

/**
 * {@code check-delivery.pdf}: the check on one page, for the change ticket and whoever approves the
 * installation. Long lists stop at what fits; {@code verdict.json} has them whole.
 */
final class VerdictPdf {

	static final String FILE = "check-delivery.pdf";

	private static final Font TITLE_FONT = new Font(Font.HELVETICA, 15, Font.BOLD);

	private static final Font HEADING_FONT = new Font(Font.HELVETICA, 10, Font.BOLD);

	private static final Font BODY_FONT = new Font(Font.HELVETICA, 8);

	private static final Font BOLD_FONT = new Font(Font.HELVETICA, 8, Font.BOLD);

	private static final Font VERDICT_FONT = new Font(Font.HELVETICA, 11, Font.BOLD);

	/** What fits one A4 page beside the rest. */
	private static final int FILES_SHOWN = 8;

	private static final int PLACES_SHOWN = 12;

	private static final int NOTES_SHOWN = 6;

	private VerdictPdf() {
	}

	static Path write(Path directory, DeliveryVerdict verdict, List<String> written) throws IOException {
		Path file = directory.resolve(FILE);
		try (PendingFile pending = PendingFile.beside(file)) {
			Document document = new Document(PageSize.A4, 36, 36, 36, 36);
			PdfWriter.getInstance(document, pending.out());
			X509Certificate leaf = verdict.chain().leaf();
			document.addTitle("Renewal check of " + Certificates.subject(leaf));
			document.open();
			write(document, verdict, written);
			document.close();
			pending.publish();
		}
		return file;
	}

	private static void write(Document document, DeliveryVerdict verdict, List<String> written) {
		DeliveredChain chain = verdict.chain();
		X509Certificate leaf = chain.leaf();
		document.add(new Paragraph("Renewal check: " + String.join(", ", CertificateComparison.names(leaf)), TITLE_FONT));
		document.add(new Paragraph("Checked " + ReportFormatting.dateTime(verdict.checkedAt()) + " by cert-audit: "
				+ chain.delivery().source().toAbsolutePath().normalize(), BODY_FONT));
		PdfPTable banner = new PdfPTable(1);
		banner.setWidthPercentage(100);
		banner.setSpacingBefore(8);
		PdfPCell headline = new PdfPCell(new Paragraph(verdict.headline(), VERDICT_FONT));
		headline.setBackgroundColor(new Color(StatusColours.rgb(verdict.ready() ? Status.OK : Status.ERROR)));
		headline.setPadding(6);
		banner.addCell(headline);
		document.add(banner);

		heading(document, "The certificate");
		PdfPTable certificate = table(new float[] { 1.4f, 6f });
		row(certificate, "Subject", Certificates.subject(leaf));
		row(certificate, "Names", String.join(", ", CertificateComparison.names(leaf)));
		row(certificate, "Issuer", Certificates.issuer(leaf));
		row(certificate, "Valid", ReportFormatting.date(leaf.getNotBefore().toInstant()) + " to "
				+ ReportFormatting.date(leaf.getNotAfter().toInstant()));
		row(certificate, "Key", Certificates.keyDescription(leaf) + ", " + (chain.keyMatches()
				? "private key delivered in " + String.join(", ", chain.keyFiles())
				: chain.keyDelivered() ? "the private key delivered is NOT its own" : "no private key delivered"));
		row(certificate, "Chain", verdict.chainLine());
		row(certificate, "SHA-256", Certificates.sha256(leaf));
		document.add(certificate);

		heading(document, "What was delivered");
		PdfPTable files = table(new float[] { 2.4f, 5f });
		header(files, "File", "Holds");
		Map<String, List<String>> holdings = verdict.holdings();
		holdings.entrySet().stream().limit(FILES_SHOWN).forEach((entry) -> {
			files.addCell(cell(entry.getKey(), BODY_FONT));
			files.addCell(cell(String.join("; ", entry.getValue()), BODY_FONT));
		});
		more(files, holdings.size() - FILES_SHOWN, "files");
		document.add(files);

		ReplacedCertificate replaced = verdict.replaced();
		heading(document, "What it replaces");
		if (replaced == null) {
			document.add(new Paragraph((verdict.runId() != null)
					? "No certificate served in run " + verdict.runId() + " shares a name with it."
					: "There is no completed run to compare with.", BODY_FONT));
		}
		else {
			PdfPTable old = table(new float[] { 1.4f, 6f });
			row(old, "Certificate", replaced.served().subject() + ", expires "
					+ ReportFormatting.date(replaced.served().notAfter()));
			row(old, "SHA-256", replaced.sha256());
			row(old, "Found", replaced.chosen());
			row(old, "Compared", verdict.comparison().summary());
			document.add(old);
			heading(document, "Places of the old certificate (" + replaced.places().size() + ")");
			PdfPTable places = table(new float[] { 3.2f, 1f, 1.6f, 1.6f, 1.4f });
			header(places, "Where", "Protocol", "Address", "Owner", "New one covers");
			replaced.places().stream().limit(PLACES_SHOWN).forEach((place) -> {
				boolean covered = place.coveredBy(leaf);
				places.addCell(cell(place.where(), BODY_FONT));
				places.addCell(cell(place.protocol().name(), BODY_FONT));
				places.addCell(cell(nonNull(place.address()), BODY_FONT));
				places.addCell(cell(nonNull(place.owner()), BODY_FONT));
				PdfPCell coverage = cell(covered ? "yes" : "NO", covered ? BODY_FONT : BOLD_FONT);
				coverage.setBackgroundColor(new Color(StatusColours.rgb(covered ? Status.OK : Status.ERROR)));
				places.addCell(coverage);
			});
			more(places, replaced.places().size() - PLACES_SHOWN, "places");
			document.add(places);
		}

		if (!verdict.problems().isEmpty()) {
			heading(document, "What stands in the way");
			verdict.problems().forEach((problem) -> document.add(new Paragraph("- " + problem, BODY_FONT)));
		}
		if (!verdict.notes().isEmpty()) {
			heading(document, "Worth knowing");
			verdict.notes().stream().limit(NOTES_SHOWN).forEach((note) -> document.add(new Paragraph("- " + note, BODY_FONT)));
			if (verdict.notes().size() > NOTES_SHOWN) {
				document.add(new Paragraph("and " + (verdict.notes().size() - NOTES_SHOWN) + " more in " + VerdictJson.FILE,
						BODY_FONT));
			}
		}
		heading(document, "Written beside this page");
		document.add(new Paragraph(String.join(", ", written), BODY_FONT));
	}

	private static void heading(Document document, String text) {
		Paragraph heading = new Paragraph(text, HEADING_FONT);
		heading.setSpacingBefore(8);
		heading.setSpacingAfter(3);
		document.add(heading);
	}

	private static PdfPTable table(float[] widths) {
		PdfPTable table = new PdfPTable(widths);
		table.setWidthPercentage(100);
		return table;
	}

	private static void header(PdfPTable table, String... titles) {
		for (String title : titles) {
			PdfPCell cell = cell(title, BOLD_FONT);
			cell.setBackgroundColor(new Color(0xE8E8E8));
			table.addCell(cell);
		}
	}

	private static void row(PdfPTable table, String label, String value) {
		table.addCell(cell(label, BOLD_FONT));
		table.addCell(cell(value, BODY_FONT));
	}

	private static void more(PdfPTable table, int hidden, String what) {
		if (hidden > 0) {
			PdfPCell cell = cell("and " + hidden + " more " + what + " in " + VerdictJson.FILE, BODY_FONT);
			cell.setColspan(table.getNumberOfColumns());
			table.addCell(cell);
		}
	}

	private static PdfPCell cell(String text, Font font) {
		PdfPCell cell = new PdfPCell(new Paragraph(text, font));
		cell.setBorder(Rectangle.BOX);
		cell.setBorderColor(Color.LIGHT_GRAY);
		cell.setPadding(3);
		return cell;
	}

	private static String nonNull(String text) {
		return (text != null) ? text : "";
	}

}
