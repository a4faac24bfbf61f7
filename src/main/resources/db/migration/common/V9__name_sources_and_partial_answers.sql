-- Name resolution as the machine sees it. Where each name's addresses came from: the hosts file
-- (cert-audit.dns.hosts-file), which is read before DNS as the machine's resolver reads it, or DNS;
-- names discovered before the hosts file was read came from DNS.

ALTER TABLE discovered_name ADD COLUMN address_source VARCHAR(16) DEFAULT 'DNS' NOT NULL;

-- what DNS left unanswered about a target's name when it answered the other address family, e.g.
-- "AAAA lookup failed: REFUSED": the target is audited, and warned that its name may have more
-- addresses; else null
ALTER TABLE audit_target ADD COLUMN unanswered_lookup VARCHAR(1000);
