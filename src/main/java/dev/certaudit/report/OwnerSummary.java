package dev.certaudit.report;

import java.time.Instant;
import java.util.Map;

import dev.certaudit.analysis.Status;

/**
 * One owner's part of the run: how many endpoints carry its {@code owner=} label, how many of them need
 * action, and when the first of their certificates expires.
 * @param owner the label's value; null for the endpoints without one
 * @param soonestExpiry the earliest notAfter among the owner's certificates (past, when one has expired);
 * null when none of its endpoints served one
 * @param daysLeft the days left of that certificate, as its endpoint was judged
 * @param countsByStatus the owner's endpoints by status, every status present
 */
public record OwnerSummary(String owner, long endpoints, long needAction, Instant soonestExpiry, Integer daysLeft,
		Map<Status, Long> countsByStatus) {

	public OwnerSummary {
		countsByStatus = Map.copyOf(countsByStatus);
	}

}
