package dev.certaudit.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.RuleMetadata;
import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormattingTest {

	@Test
	void failureReasonIsSaidOnceInPlainWordsWhenAFindingExplainsIt() {
		ReportRow refused = down(List.of(new FindingView("ERROR_ENDPOINT_UNREACHABLE", Severity.ERROR,
				"connection refused", "Check the host")), "Connection refused");

		assertThat(ReportFormatting.plainReasons(refused))
			.isEqualTo(RuleMetadata.of("ERROR_ENDPOINT_UNREACHABLE").orElseThrow().plainReason());
	}

	@Test
	void failureReasonNoFindingGivesIsTheRowsError() {
		ReportRow timedOut = down(List.of(), "connect timed out after 5s");

		assertThat(ReportFormatting.plainReasons(timedOut)).isEqualTo("connect timed out after 5s");
	}

	private static ReportRow down(List<FindingView> findings, String error) {
		return new ReportRow(1, "down.example.org", 443, "https", "192.0.2.1", "web-team", null, "", Status.ERROR,
				null, null, null, null, null, List.of(), null, null, findings, List.of(), error, 4, null, null, null);
	}

}
