-- The project's own tables, beside Spring Batch's. Every row is keyed by run and target so that a
-- restarted step rewrites exactly the rows of the chunks it redoes, never adding a second copy.

CREATE SEQUENCE audit_run_seq START WITH 1;

CREATE TABLE audit_run (
	run_id BIGINT PRIMARY KEY,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	inventories VARCHAR(4000) NOT NULL,
	owner_host VARCHAR(255) NOT NULL,
	owner_pid BIGINT NOT NULL
);

CREATE TABLE audit_target (
	run_id BIGINT NOT NULL REFERENCES audit_run (run_id),
	target_id BIGINT NOT NULL,
	host VARCHAR(255) NOT NULL,
	port INTEGER NOT NULL,
	protocol VARCHAR(16) NOT NULL,
	address VARCHAR(64),
	labels VARCHAR(2000) NOT NULL,
	origin VARCHAR(1000) NOT NULL,
	PRIMARY KEY (run_id, target_id)
);

CREATE TABLE inventory_rejection (
	run_id BIGINT NOT NULL REFERENCES audit_run (run_id),
	line_id BIGINT NOT NULL,
	origin VARCHAR(1000) NOT NULL,
	line_text VARCHAR(2000) NOT NULL,
	reason VARCHAR(1000) NOT NULL,
	PRIMARY KEY (run_id, line_id)
);

CREATE TABLE probe_result (
	run_id BIGINT NOT NULL,
	target_id BIGINT NOT NULL,
	address VARCHAR(64),
	outcome VARCHAR(32) NOT NULL,
	detail VARCHAR(2000),
	tls_protocol VARCHAR(32),
	cipher_suite VARCHAR(128),
	chain_pem VARCHAR(1000000),
	fetched_at TIMESTAMP WITH TIME ZONE NOT NULL,
	duration_ms BIGINT NOT NULL,
	PRIMARY KEY (run_id, target_id),
	FOREIGN KEY (run_id, target_id) REFERENCES audit_target (run_id, target_id)
);

CREATE TABLE assessment (
	run_id BIGINT NOT NULL,
	target_id BIGINT NOT NULL,
	status VARCHAR(16) NOT NULL,
	-- Status ordinal, most urgent first: the order reports list endpoints in
	status_rank INTEGER NOT NULL,
	days_left INTEGER,
	not_before TIMESTAMP WITH TIME ZONE,
	not_after TIMESTAMP WITH TIME ZONE,
	subject VARCHAR(2000),
	issuer VARCHAR(2000),
	subject_alt_names VARCHAR(20000),
	serial_number VARCHAR(128),
	sha256 CHAR(64),
	PRIMARY KEY (run_id, target_id),
	FOREIGN KEY (run_id, target_id) REFERENCES audit_target (run_id, target_id)
);

CREATE TABLE finding (
	run_id BIGINT NOT NULL,
	target_id BIGINT NOT NULL,
	ordinal INTEGER NOT NULL,
	rule_id VARCHAR(100) NOT NULL,
	severity VARCHAR(16) NOT NULL,
	message VARCHAR(4000) NOT NULL,
	remediation VARCHAR(2000) NOT NULL,
	PRIMARY KEY (run_id, target_id, ordinal),
	FOREIGN KEY (run_id, target_id) REFERENCES audit_target (run_id, target_id)
);

CREATE INDEX assessment_report_order ON assessment (run_id, status_rank, days_left, target_id);
