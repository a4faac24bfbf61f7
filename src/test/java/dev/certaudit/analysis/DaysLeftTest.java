package dev.certaudit.analysis;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for whole days, at a fixed run start. */
class DaysLeftTest {

	private static final Instant RUN_START = Instant.parse("2026-05-22T08:00:00Z");

	@Test
	void partOfADayLeftCountsAsNoneAndPartOfADayPastCountsAsOne() {
		assertThat(DaysLeft.of(RUN_START, RUN_START.plus(Duration.ofHours(23)))).isZero();
		assertThat(DaysLeft.of(RUN_START, RUN_START.plus(Duration.ofDays(1)))).isEqualTo(1);
		assertThat(DaysLeft.of(RUN_START, RUN_START)).isZero();
		assertThat(DaysLeft.of(RUN_START, RUN_START.minusSeconds(1))).isEqualTo(-1);
		assertThat(DaysLeft.of(RUN_START, RUN_START.minus(Duration.ofHours(1)))).isEqualTo(-1);
		assertThat(DaysLeft.of(RUN_START, RUN_START.minus(Duration.ofDays(11)).minus(Duration.ofHours(12))))
			.isEqualTo(-12);
	}

	@Test
	void daysLeftRoundsDown() {
		assertThat(DaysLeft.of(RUN_START, RUN_START.plus(Duration.ofDays(5)).plus(Duration.ofHours(23)))).isEqualTo(5);
		assertThat(DaysLeft.of(RUN_START, RUN_START.plus(Duration.ofDays(1)).minusSeconds(1))).isZero();
	}

	@Test
	void daysLeftIsNegativeOnceExpired() {
		assertThat(DaysLeft.of(RUN_START, RUN_START.minusMillis(1))).isEqualTo(-1);
		assertThat(DaysLeft.of(RUN_START, RUN_START.minus(Duration.ofDays(2)))).isEqualTo(-2);
		assertThat(DaysLeft.of(RUN_START, RUN_START.minus(Duration.ofDays(2)).minusSeconds(1))).isEqualTo(-3);
	}

	@Test
	void wordsSayTheSameDays() {
		assertThat(DaysLeft.inWords(-12)).isEqualTo("expired 12 days ago");
		assertThat(DaysLeft.inWords(-1)).isEqualTo("expired 1 day ago");
		assertThat(DaysLeft.inWords(0)).isEqualTo("less than a day left");
		assertThat(DaysLeft.inWords(1)).isEqualTo("1 day left");
		assertThat(DaysLeft.inWords(30)).isEqualTo("30 days left");
	}

}
