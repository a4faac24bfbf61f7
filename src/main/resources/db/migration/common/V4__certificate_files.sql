-- Certificate files audited beside the hosts (--certs): a file is a target whose host is its path,
-- which may be longer than a DNS name, and whose probe records whether the file's private key belongs
-- to its certificate (null when the file holds no key). The key itself is never stored.

ALTER TABLE audit_candidate ALTER COLUMN host SET DATA TYPE VARCHAR(1000);

ALTER TABLE audit_target ALTER COLUMN host SET DATA TYPE VARCHAR(1000);

ALTER TABLE probe_result ADD COLUMN key_matches BOOLEAN;
