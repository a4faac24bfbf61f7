package dev.certaudit.report;

import java.time.Instant;
import java.util.Comparator;

/**
 * One owner's share of a run, as the inventory's {@code owner=} label names it: what leadership asks
 * each team about.
 * @param owner null for the endpoints no owner was given
 * @param soonestNotAfter the soonest expiry of the owner's certificates, perhaps past; null when none
 * was fetched
 * @param soonestDaysLeft the days left of that certificate, negative once expired
 */
public record OwnerSummary(String owner, long endpoints, long needAction, Instant soonestNotAfter,
		Integer soonestDaysLeft) {

	/**
	 * Most endpoints needing action first, then the soonest expiry, then by name; the endpoints without an
	 * owner last, as what is left to assign.
	 */
	public static final Comparator<OwnerSummary> REPORT_ORDER = Comparator
		.comparing((OwnerSummary summary) -> summary.owner() == null)
		.thenComparing(OwnerSummary::needAction, Comparator.reverseOrder())
		.thenComparing(OwnerSummary::soonestNotAfter, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(OwnerSummary::owner, Comparator.nullsLast(Comparator.naturalOrder()));

	/** Both shares of one owner together. */
	public OwnerSummary plus(OwnerSummary other) {
		boolean otherSooner = this.soonestNotAfter == null
				|| (other.soonestNotAfter != null && other.soonestNotAfter.isBefore(this.soonestNotAfter));
		return new OwnerSummary(this.owner, this.endpoints + other.endpoints, this.needAction + other.needAction,
				otherSooner ? other.soonestNotAfter : this.soonestNotAfter,
				otherSooner ? other.soonestDaysLeft : this.soonestDaysLeft);
	}

}
