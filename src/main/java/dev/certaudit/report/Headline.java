package dev.certaudit.report;

import java.util.ArrayList;
import java.util.List;

import dev.certaudit.analysis.Status;

/**
 * The run in one sentence, for the reader who reads nothing else: how many endpoints need action, which
 * of them are broken now, and how many certificates the next quarter's renewals must reach, as in "9 of
 * 16 endpoints need action; 1 expired, 1 unreachable; 4 certificates expire in the next 13 weeks."
 */
public final class Headline {

	private Headline() {
	}

	public static String of(RunSummary summary) {
		if (summary.total() == 0) {
			return "No endpoint was audited.";
		}
		List<String> clauses = new ArrayList<>();
		clauses.add(needAction(summary.actionCount(), summary.total()));
		List<String> brokenNow = new ArrayList<>();
		counted(brokenNow, summary.count(Status.EXPIRED), "expired");
		counted(brokenNow, summary.count(Status.NOT_YET_VALID), "not yet valid");
		counted(brokenNow, summary.count(Status.ERROR), "unreachable");
		if (!brokenNow.isEmpty()) {
			clauses.add(String.join(", ", brokenNow));
		}
		clauses.add(expiring(summary.expiringInOutlook()));
		return String.join("; ", clauses) + ".";
	}

	private static String needAction(long needAction, long total) {
		if (needAction == 0) {
			return (total == 1) ? "The endpoint audited needs no action" : "None of the " + total + " endpoints needs action";
		}
		return needAction + " of " + total + ((total == 1) ? " endpoint" : " endpoints")
				+ ((needAction == 1) ? " needs action" : " need action");
	}

	private static void counted(List<String> clauses, long count, String what) {
		if (count > 0) {
			clauses.add(count + " " + what);
		}
	}

	private static String expiring(long certificates) {
		String horizon = " in the next " + RunSummary.OUTLOOK_WEEKS + " weeks";
		if (certificates == 0) {
			return "no certificate expires" + horizon;
		}
		return certificates + ((certificates == 1) ? " certificate expires" : " certificates expire") + horizon;
	}

}
