package dev.certaudit.report;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;

import dev.certaudit.analysis.Status;

/**
 * One owner's share of a run, as the inventory's {@code owner=} label names it: what leadership asks
 * each team about, and the workbook's By owner sheet.
 * @param owner null for the endpoints no owner was given
 * @param soonestNotAfter the soonest expiry of the owner's certificates, perhaps past; null when none
 * was fetched
 * @param soonestDaysLeft the days left of that certificate, negative once expired
 * @param countsByStatus the owner's endpoints by status
 */
public record OwnerSummary(String owner, long endpoints, long needAction, Instant soonestNotAfter,
		Integer soonestDaysLeft, Map<Status, Long> countsByStatus) {

	/**
	 * Most endpoints needing action first, then the soonest expiry, then by name; the endpoints without an
	 * owner last, as what is left to assign.
	 */
	public static final Comparator<OwnerSummary> REPORT_ORDER = Comparator
		.comparing((OwnerSummary summary) -> summary.owner() == null)
		.thenComparing(OwnerSummary::needAction, Comparator.reverseOrder())
		.thenComparing(OwnerSummary::soonestNotAfter, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(OwnerSummary::owner, Comparator.nullsLast(Comparator.naturalOrder()));

	public OwnerSummary {
		countsByStatus = Map.copyOf(countsByStatus);
	}

	/** Both shares of one owner together. */
	public OwnerSummary plus(OwnerSummary other) {
		boolean otherSooner = this.soonestNotAfter == null
				|| (other.soonestNotAfter != null && other.soonestNotAfter.isBefore(this.soonestNotAfter));
		Map<Status, Long> counts = new EnumMap<>(Status.class);
		counts.putAll(this.countsByStatus);
		other.countsByStatus.forEach((status, n) -> counts.merge(status, n, Long::sum));
		return new OwnerSummary(this.owner, this.endpoints + other.endpoints, this.needAction + other.needAction,
				otherSooner ? other.soonestNotAfter : this.soonestNotAfter,
				otherSooner ? other.soonestDaysLeft : this.soonestDaysLeft, counts);
	}

}
