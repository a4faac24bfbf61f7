package dev.certaudit.report.csv;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import dev.certaudit.report.FindingView;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.ReportRow;

/**
 * {@code cert-audit-<date>-endpoints.csv}: one record per endpoint, soonest expiry first, with the
 * properties of an endpoint in the JSON export (its findings are in the findings file; here only their
 * rule ids). Lists are space-separated, as no name, address or rule id holds a space.
 */
public final class EndpointsCsv extends CsvReport {

	static final List<String> HEADER = List.of("run_id", "target_id", "host", "port", "protocol", "address", "owner",
			"contact", "labels", "status", "days_left", "not_before", "not_after", "subject", "issuer",
			"subject_alt_names", "serial_number", "sha256", "rule_ids", "error", "tls_protocol", "cipher_suite",
			"key_exchange");

	@Override
	List<String> header() {
		return HEADER;
	}

	@Override
	void write(ReportRow row) throws IOException {
		record(Arrays.asList(runId(), Long.toString(row.targetId()), row.host(),
				Integer.toString(row.port()), row.protocol(), row.address(), row.owner(), row.contact(), row.labels(),
				row.status().name(), (row.daysLeft() != null) ? row.daysLeft().toString() : null,
				ReportFormatting.isoInstant(row.notBefore()), ReportFormatting.isoInstant(row.notAfter()),
				row.subject(), row.issuer(), String.join(" ", row.subjectAltNames()), row.serialNumber(), row.sha256(),
				String.join(" ", row.findings().stream().map(FindingView::ruleId).toList()), row.error(),
				row.tlsProtocol(), row.cipherSuite(), row.keyExchange()));
	}

}
