package dev.certaudit.notify;

import dev.certaudit.report.RunSummary;

/**
 * What the full report mail says about a run: its counts, and the endpoints that need action, newly
 * failing first; the attached reports hold the rest.
 */
public record RunDigest(RunSummary summary, ActionList actions) {

	/** Whether the run found anything someone must act on, including inventory lines it skipped. */
	public boolean hasProblems() {
		return this.summary.actionCount() > 0 || !this.summary.rejectedLines().isEmpty();
	}

}
