package dev.certaudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.openpdf.text.Document;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.PdfWriter;

import dev.certaudit.report.pdf.ExpiryChart;

/**
 * Loads the report libraries before the reports are due. The first workbook of a JVM costs POI about
 * 2.5 s of one core to load its OOXML schema classes, and OpenPDF and JFreeChart add a few hundred ms:
 * done on a background thread while the fetch waits on the network, that time leaves the run's
 * critical path.
 */
public final class ReportLibraries {

	private ReportLibraries() {
	}

	public static void loadInBackground() {
		Thread.ofVirtual().name("report-libraries").start(ReportLibraries::load);
	}

	private static void load() {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(1)) {
			workbook.createSheet("warm-up").createRow(0).createCell(0).setCellValue(1);
			workbook.write(OutputStream.nullOutputStream());
			Document document = new Document();
			PdfWriter.getInstance(document, OutputStream.nullOutputStream());
			document.open();
			document.add(new Paragraph("warm-up"));
			document.add(ExpiryChart.of(List.of(), 7, 30));
			document.close();
		}
		catch (IOException | RuntimeException ex) {
			// only a head start: the report step loads whatever is missing itself
		}
	}

}
