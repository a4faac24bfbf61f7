package dev.certaudit.notify;

import java.util.List;
import java.util.Map;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.report.FindingView;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;

/**
 * What the mail says about a run: its counts, and the first endpoints that need action with their
 * findings; the attached reports hold the rest.
 * @param firstActions the most urgent rows needing action, in report order, without findings
 * @param findings the findings of those rows, by target id
 */
public record RunDigest(RunSummary summary, List<ReportRow> firstActions, Map<Long, List<FindingView>> findings) {

	public RunDigest {
		firstActions = List.copyOf(firstActions);
		findings = Map.copyOf(findings);
	}

	public long needingAction() {
		return this.summary.total() - this.summary.count(Status.OK);
	}

	/** Rows needing action beyond those listed. */
	public long moreNeedingAction() {
		return needingAction() - this.firstActions.size();
	}

	/** Whether the run found anything someone must act on, including inventory lines it skipped. */
	public boolean hasProblems() {
		return needingAction() > 0 || !this.summary.rejectedLines().isEmpty();
	}

	/** Why a listed row needs action: its rule ids (informational ones aside) and the fetch error, if any. */
	public String reason(ReportRow row) {
		List<String> ruleIds = this.findings.getOrDefault(row.targetId(), List.of())
			.stream()
			.filter((finding) -> finding.severity() != Severity.INFO)
			.map(FindingView::ruleId)
			.toList();
		if (row.error() != null && !row.error().isBlank()) {
			return ruleIds.isEmpty() ? row.error() : String.join(", ", ruleIds) + "; " + row.error();
		}
		return String.join(", ", ruleIds);
	}

}
