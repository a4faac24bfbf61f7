-- What shaped a run's reports besides its results, recorded by the run's own writeReports, so that
-- `report` writes the same reports again from the database alone, whatever the settings of the process
-- that asks. The CT export's entries are the run's ct_entry and ct_name rows.

CREATE TABLE run_report_settings (
	run_id BIGINT PRIMARY KEY REFERENCES audit_run (run_id),
	-- empty when not set
	organisation VARCHAR(1000) NOT NULL,
	critical_days INTEGER NOT NULL,
	warning_days INTEGER NOT NULL,
	-- ReportFormat names, comma-separated: XLSX,PDF,CSV,JSON
	formats VARCHAR(100) NOT NULL,
	-- the CT export the run was reconciled with, as the run named it; null when it was not
	ct_export VARCHAR(4096)
);
