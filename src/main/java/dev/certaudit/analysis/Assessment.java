package dev.certaudit.analysis;

import java.time.Instant;
import java.util.List;

/**
 * The analysis of one endpoint: its status, the leaf's identity and validity, and every finding.
 * Certificate fields are null when no chain was fetched.
 */
public record Assessment(Status status, Integer daysLeft, Instant notBefore, Instant notAfter, String subject,
		String issuer, List<String> subjectAltNames, String serialNumber, String sha256, List<Finding> findings) {

	public Assessment {
		subjectAltNames = List.copyOf(subjectAltNames);
		findings = List.copyOf(findings);
	}

}
