-- How many visits each probe took: transient failures (refused, reset, timed out) are retried, and an
-- endpoint that needed several attempts is one to watch even when the last attempt fetched its chain.
-- Probes recorded before retries existed made exactly one attempt.

ALTER TABLE probe_result ADD COLUMN attempts INTEGER DEFAULT 1 NOT NULL;
