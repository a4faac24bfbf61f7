-- A second look at a dual-certificate server (the certificate RSA-only clients get) is a target of its
-- own; its variant keeps it apart from the other addresses of the name when they are compared.
ALTER TABLE audit_target ADD COLUMN certificate_variant VARCHAR(16);
