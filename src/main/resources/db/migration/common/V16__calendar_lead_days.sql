-- The renewal calendar's lead days shape a run's .ics as the thresholds shape its other reports, so
-- `report` writes the calendar the run wrote; null for runs recorded before, which take their warning days.
ALTER TABLE run_report_settings ADD COLUMN calendar_lead_days INTEGER;
