package dev.certaudit.report;

/**
 * The formats a run's reports are written in ({@code cert-audit.reports.formats}): the workbook and PDF
 * for people, which the report mail attaches, and CSV and JSON exports for other tools.
 */
public enum ReportFormat {

	XLSX(true), PDF(true),
	/** Two files: {@code -endpoints.csv} and {@code -findings.csv}. */
	CSV(false), JSON(false);

	private final boolean mailed;

	ReportFormat(boolean mailed) {
		this.mailed = mailed;
	}

	/** Whether the report mail attaches it: people read the workbook and the PDF, tools fetch the exports. */
	public boolean mailed() {
		return this.mailed;
	}

}
