package dev.certaudit.report;

import java.time.Instant;
import java.util.List;

import dev.certaudit.analysis.Status;

/**
 * One audited endpoint (name, address, port) as both reports show it. Certificate fields are null when
 * nothing could be fetched; {@code error} then says why.
 * @param attempts visits the fetch took (more than one when transient failures were retried)
 */
public record ReportRow(long targetId, String host, int port, String protocol, String address, String owner,
		String labels, Status status, Integer daysLeft, Instant notBefore, Instant notAfter, String subject,
		String issuer, List<String> subjectAltNames, List<FindingView> findings, String error, int attempts) {

	public ReportRow {
		subjectAltNames = List.copyOf(subjectAltNames);
		findings = List.copyOf(findings);
	}

}
