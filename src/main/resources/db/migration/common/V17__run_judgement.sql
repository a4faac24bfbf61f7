-- The settings that decide a run's verdicts (fetch timeouts, retries, politeness, thresholds, trust
-- anchors and intermediates by fingerprint, revocation), recorded when the run is created: every process
-- that works on the run, a scale-out worker in particular, must judge by them, and the reports name them.

CREATE TABLE run_judgement (
	run_id BIGINT PRIMARY KEY REFERENCES audit_run (run_id),
	-- SHA-256 of settings, hexadecimal
	digest VARCHAR(64) NOT NULL,
	-- one setting=value per line
	settings VARCHAR(8000) NOT NULL
);
