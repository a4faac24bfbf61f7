-- Where each name's addresses came from: the hosts file (cert-audit.dns.hosts-file), which is read
-- before DNS as the machine's resolver reads it, or DNS. Names discovered before the hosts file was
-- read came from DNS.

ALTER TABLE discovered_name ADD COLUMN address_source VARCHAR(16) DEFAULT 'DNS' NOT NULL;
