package dev.certaudit.report;

import java.util.Arrays;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.certaudit.analysis.Thresholds;

/** The settings each run's reports were written with, one row per run ({@code run_report_settings}). */
@Repository
public class ReportSettingsStore {

	/**
	 * Stands for the export of a run audited before cert-audit recorded report settings: the run stored the
	 * export's entries, not its name.
	 */
	private static final String UNNAMED_CT_EXPORT = "(a CT export imported before report settings were recorded)";

	private final JdbcTemplate jdbc;

	public ReportSettingsStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** Records what the run's reports are written with, in place of what a redone report step recorded. */
	public ReportSettings record(long runId, ReportSettings settings) {
		this.jdbc.update("DELETE FROM run_report_settings WHERE run_id = ?", runId);
		this.jdbc.update("INSERT INTO run_report_settings (run_id, organisation, critical_days, warning_days, formats,"
				+ " ct_export, calendar_lead_days) VALUES (?, ?, ?, ?, ?, ?, ?)", runId, settings.organisation(),
				settings.thresholds().criticalDays(), settings.thresholds().warningDays(),
				settings.formats().stream().map(ReportFormat::name).collect(Collectors.joining(",")),
				settings.ctExport(), settings.calendarLeadDays());
		return settings;
	}

	/**
	 * What the run's reports were written with. A run audited before they were recorded has none: it is
	 * written with {@code today}'s organisation, thresholds and formats, as it always was, and with the CT
	 * reconciliation it stored, if any, never an export read today.
	 */
	public ReportSettings recorded(long runId, ReportSettings today) {
		return this.jdbc
			.query("SELECT * FROM run_report_settings WHERE run_id = ?",
					(rs, i) -> new ReportSettings(rs.getString("organisation"),
							new Thresholds(rs.getInt("critical_days"), rs.getInt("warning_days")),
							Arrays.stream(rs.getString("formats").split(",")).map(ReportFormat::valueOf).toList(),
							rs.getString("ct_export"),
							(rs.getObject("calendar_lead_days") != null) ? rs.getInt("calendar_lead_days")
									: rs.getInt("warning_days")),
					runId)
			.stream()
			.findFirst()
			.orElseGet(() -> new ReportSettings(today.organisation(), today.thresholds(), today.formats(),
					importedCtEntries(runId) ? UNNAMED_CT_EXPORT : null, today.calendarLeadDays()));
	}

	private boolean importedCtEntries(long runId) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT COUNT(*) > 0 FROM ct_entry WHERE run_id = ?", Boolean.class, runId));
	}

}
