-- Discovery: what the inventories asked for (candidates: host lists as written, domains and zone names
-- expanded with the service prefixes), what DNS answered for each name, and the targets that follow:
-- one per candidate and address, so every backend behind a name is probed.

CREATE TABLE audit_candidate (
	run_id BIGINT NOT NULL REFERENCES audit_run (run_id),
	candidate_id BIGINT NOT NULL,
	host VARCHAR(255) NOT NULL,
	port INTEGER NOT NULL,
	protocol VARCHAR(16) NOT NULL,
	address VARCHAR(64),
	labels VARCHAR(2000) NOT NULL,
	origin VARCHAR(1000) NOT NULL,
	-- listed by hand in a host list: kept as a report row even when its name does not resolve
	explicit BOOLEAN NOT NULL,
	PRIMARY KEY (run_id, candidate_id)
);

CREATE INDEX audit_candidate_host ON audit_candidate (run_id, host);

CREATE TABLE discovered_name (
	run_id BIGINT NOT NULL REFERENCES audit_run (run_id),
	name VARCHAR(255) NOT NULL,
	outcome VARCHAR(16) NOT NULL,
	cname_chain VARCHAR(2000) NOT NULL,
	addresses VARCHAR(4000) NOT NULL,
	detail VARCHAR(1000),
	PRIMARY KEY (run_id, name)
);

ALTER TABLE audit_target ADD COLUMN candidate_id BIGINT;

-- why an explicitly listed name has no address to probe (NXDOMAIN ...), else null
ALTER TABLE audit_target ADD COLUMN unresolved VARCHAR(1000);

CREATE INDEX audit_target_candidate ON audit_target (run_id, candidate_id);
