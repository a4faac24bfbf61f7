-- A certificate file is audited by its path, which cannot be cut short like a text: room for the
-- longest path Linux allows (PATH_MAX, 4096 bytes).
ALTER TABLE audit_candidate ALTER COLUMN host SET DATA TYPE VARCHAR(4096);
ALTER TABLE audit_target ALTER COLUMN host SET DATA TYPE VARCHAR(4096);
