package dev.certaudit.report;

import java.time.Instant;

/**
 * One endpoint that serves a certificate, with the certificate it serves: what breaks when that
 * certificate expires or is revoked. Rows of one certificate arrive together.
 * @param sha256 the leaf's fingerprint, which identifies the certificate
 * @param places how many endpoints of the run serve the certificate, this one included
 */
public record Installation(String sha256, String subject, Instant notAfter, Integer daysLeft, long places,
		String host, int port, String protocol, String address, String owner) {
}
