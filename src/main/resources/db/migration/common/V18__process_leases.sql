-- Which processes are alive, told by the database rather than by host name and pid, which change with
-- every container: each manager and worker holds a lease and renews it (seen_at, by the database's
-- clock) while it lives. A run names the lease of the process working on it; a partition of a remote
-- run names the lease of the one worker allowed to run it, so a request the broker delivers twice does
-- not run it twice at once.

CREATE TABLE process_lease (
	lease_id VARCHAR(36) PRIMARY KEY,
	-- manager or worker
	role VARCHAR(16) NOT NULL,
	host VARCHAR(255) NOT NULL,
	pid BIGINT NOT NULL,
	-- the queue a worker serves; null for a manager
	queue VARCHAR(255),
	started_at TIMESTAMP NOT NULL,
	seen_at TIMESTAMP NOT NULL
);

ALTER TABLE audit_run ADD COLUMN owner_lease VARCHAR(36);

CREATE TABLE partition_claim (
	step_execution_id BIGINT PRIMARY KEY,
	lease_id VARCHAR(36) NOT NULL,
	claimed_at TIMESTAMP NOT NULL
);
