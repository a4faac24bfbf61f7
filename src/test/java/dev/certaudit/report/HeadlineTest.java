package dev.certaudit.report;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Status;

import static org.assertj.core.api.Assertions.assertThat;

class HeadlineTest {

	@Test
	void saysHowManyNeedActionWhatIsBrokenNowAndWhatExpiresInTheQuarter() {
		assertThat(Headline.of(ReportFixtures.summary())).isEqualTo(
				"5 of 7 endpoints need action; 1 expired, 1 not yet valid, 1 unreachable; 2 certificates expire in the next 13 weeks.");
	}

	@Test
	void leavesOutWhatIsNotBrokenAndCountsOneInTheSingular() {
		RunSummary summary = ReportFixtures.summaryOf(ReportFixtures.rows()
			.stream()
			.filter((row) -> row.status() == Status.WARNING || row.status() == Status.OK)
			.toList(), List.of());
		assertThat(Headline.of(summary))
			.isEqualTo("1 of 3 endpoints needs action; 1 certificate expires in the next 13 weeks.");
	}

	@Test
	void saysSoWhenNothingNeedsActionOrNothingWasAudited() {
		assertThat(Headline.of(ReportFixtures.summaryOfCounts(1, List.of(), Map.of(Status.OK, 16L), List.of())))
			.isEqualTo("None of the 16 endpoints needs action; no certificate expires in the next 13 weeks.");
		assertThat(Headline.of(ReportFixtures.summaryOfCounts(1, List.of(), Map.of(Status.OK, 1L), List.of())))
			.isEqualTo("The endpoint audited needs no action; no certificate expires in the next 13 weeks.");
		assertThat(Headline.of(ReportFixtures.summaryOfCounts(1, List.of(), Map.of(), List.of())))
			.isEqualTo("No endpoint was audited.");
	}

}
