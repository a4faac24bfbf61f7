package dev.certaudit.report.csv;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import dev.certaudit.report.FindingView;
import dev.certaudit.report.ReportRow;

/**
 * {@code cert-audit-<date>-findings.csv}: one record per finding, with the endpoint it was found at,
 * in the order of the endpoints file and, within an endpoint, most severe first.
 */
public final class FindingsCsv extends CsvReport {

	static final List<String> HEADER = List.of("run_id", "target_id", "host", "port", "protocol", "address", "owner",
			"rule_id", "severity", "message", "remediation");

	@Override
	List<String> header() {
		return HEADER;
	}

	@Override
	void write(ReportRow row) throws IOException {
		for (FindingView finding : row.findings()) {
			record(Arrays.asList(runId(), Long.toString(row.targetId()), row.host(), Integer.toString(row.port()),
					row.protocol(), row.address(), row.owner(), finding.ruleId(), finding.severity().name(),
					finding.message(), finding.remediation()));
		}
	}

}
