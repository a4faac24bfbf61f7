-- Which partition of a remote run probes each target. Targets are dealt out to the partitions in turn,
-- in target order, so hosts listed together (often slow, or black-holed, alike) spread over every
-- partition instead of all landing in one and setting the run's tail. Second looks at dual-certificate
-- servers are not dealt: they are probed with the target they are a second look at.

CREATE TABLE target_slice (
	run_id BIGINT NOT NULL REFERENCES audit_run (run_id),
	target_id BIGINT NOT NULL,
	slice INTEGER NOT NULL,
	PRIMARY KEY (run_id, target_id)
);

CREATE INDEX target_slice_members ON target_slice (run_id, slice, target_id);
