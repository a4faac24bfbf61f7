-- A Certificate Transparency search export (cert-audit.ct.export, e.g. crt.sh JSON), imported for the
-- run it is reconciled with: one row per log entry (a precertificate and its certificate are two
-- entries with one serial), and the names of the entries still valid when the run started.

CREATE TABLE ct_entry (
	run_id BIGINT NOT NULL REFERENCES audit_run (run_id),
	entry_id BIGINT NOT NULL,
	-- hexadecimal, lower case, without leading zeros: as assessment.serial_number
	serial_number VARCHAR(128) NOT NULL,
	ct_id BIGINT,
	issuer_name VARCHAR(2000),
	names VARCHAR(4000) NOT NULL,
	not_before TIMESTAMP WITH TIME ZONE,
	not_after TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (run_id, entry_id)
);

CREATE INDEX ct_entry_serial ON ct_entry (run_id, serial_number);

CREATE TABLE ct_name (
	run_id BIGINT NOT NULL REFERENCES audit_run (run_id),
	entry_id BIGINT NOT NULL,
	name VARCHAR(255) NOT NULL,
	PRIMARY KEY (run_id, entry_id, name)
);

CREATE INDEX assessment_serial ON assessment (run_id, serial_number);
