-- What became of each run's report mail: sent (to whom), failed (why) or skipped (only-on-problems with
-- nothing to report). A failed mail leaves the run completed and its reports in place, so this table is
-- where an operator learns that nobody was told. A run with mail disabled has no row.

CREATE TABLE mail_delivery (
	run_id BIGINT NOT NULL REFERENCES audit_run (run_id),
	attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
	status VARCHAR(16) NOT NULL,
	recipients VARCHAR(4000) NOT NULL,
	detail VARCHAR(4000)
);

CREATE INDEX mail_delivery_run ON mail_delivery (run_id, attempted_at);
