-- How each handshake agreed its keys, as the reports show it: the named group (x25519, secp256r1,
-- ffdhe2048 ...), "DH 1024 bits" for a finite-field group the server chose itself, or "RSA key
-- transport", which has no forward secrecy. Null for a certificate file, a failed visit, a handshake
-- that ended before it was known, and probes recorded before it was kept.

ALTER TABLE probe_result ADD COLUMN key_exchange VARCHAR(64);
