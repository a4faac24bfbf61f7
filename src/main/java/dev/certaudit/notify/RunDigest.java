package dev.certaudit.notify;

import java.util.List;

import dev.certaudit.analysis.Severity;
import dev.certaudit.report.FindingView;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;

/**
 * What the mail says about a run: its counts, and the first endpoints that need action with their
 * findings; the attached reports hold the rest.
 * @param firstActions the most urgent rows needing action, most urgent first, with their findings
 */
public record RunDigest(RunSummary summary, List<ReportRow> firstActions) {

	public RunDigest {
		firstActions = List.copyOf(firstActions);
	}

	public long needingAction() {
		return this.summary.actionCount();
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
		List<String> ruleIds = row.findings()
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
