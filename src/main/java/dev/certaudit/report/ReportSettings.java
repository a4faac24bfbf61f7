package dev.certaudit.report;

/**
 * What a report format needs to know beyond the run's summary, from the settings.
 * @param calendarLeadDays how many days before a certificate expires its renewal should start: the day
 * the renewal calendar puts it on ({@code cert-audit.calendar.lead-days})
 */
public record ReportSettings(int calendarLeadDays) {

	public ReportSettings {
		if (calendarLeadDays < 0) {
			throw new IllegalArgumentException("cert-audit.calendar.lead-days must not be negative, got " + calendarLeadDays);
		}
	}

}
