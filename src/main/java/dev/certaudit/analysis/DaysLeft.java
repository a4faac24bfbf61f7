package dev.certaudit.analysis;

import java.time.Duration;
import java.time.Instant;

/**
 * Whole days left before a certificate expires: the one count findings, reports and the mail all use.
 * It is the time from the run's start to the certificate's notAfter in days, rounded down, so a
 * certificate with 23 hours left has 0 days left, and one that expired an hour before the run has -1:
 * "expired 1 day ago", in a finding, the Days left column and the mail alike.
 */
public final class DaysLeft {

	private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

	private DaysLeft() {
	}

	/** @param runStart the instant the run judges by, so every endpoint of a run is counted alike */
	public static int of(Instant runStart, Instant notAfter) {
		return (int) Math.floorDiv(Duration.between(runStart, notAfter).toSeconds(), SECONDS_PER_DAY);
	}

	/** {@code 1 day}, {@code 12 days}. */
	public static String days(long count) {
		return count + ((count == 1) ? " day" : " days");
	}

	/** {@code 30 days left}, {@code less than a day left}, {@code expired 1 day ago}. */
	public static String inWords(int daysLeft) {
		if (daysLeft < 0) {
			return "expired " + days(-(long) daysLeft) + " ago";
		}
		return (daysLeft == 0) ? "less than a day left" : days(daysLeft) + " left";
	}

}
