package dev.certaudit.report;

import java.util.List;

import dev.certaudit.analysis.Thresholds;

/**
 * What shapes a run's reports besides its results. The run's own {@code writeReports} records them with
 * the run ({@link ReportSettingsStore}), so that {@code report} writes the same reports again from the
 * database alone, whatever the settings of the process that asks for them.
 * @param organisation whose estate it is, for the titles; empty when not set
 * @param thresholds the days of notice the run judged expiry by, which the reports state and chart
 * @param formats the formats the run's reports are written in
 * @param ctExport the Certificate Transparency export the run was reconciled with, as the run named it,
 * its entries imported with the run ({@code ct_entry}, {@code ct_name}); null when it was not reconciled
 * @param calendarLeadDays how many days before a certificate expires its renewal should start: the day
 * the renewal calendar puts it on ({@code cert-audit.calendar.lead-days}, by default the warning days)
 */
public record ReportSettings(String organisation, Thresholds thresholds, List<ReportFormat> formats,
		String ctExport, int calendarLeadDays) {

	public ReportSettings {
		formats = List.copyOf(formats);
		if (calendarLeadDays < 0) {
			throw new IllegalArgumentException("cert-audit.calendar.lead-days must not be negative, got " + calendarLeadDays);
		}
	}

	public boolean reconciledWithCt() {
		return this.ctExport != null;
	}

}
