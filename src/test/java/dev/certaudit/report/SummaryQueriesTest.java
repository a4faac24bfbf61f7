package dev.certaudit.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.certaudit.analysis.Status;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.JudgementStore;
import dev.certaudit.history.RecordedRuns;
import dev.certaudit.history.RunJudgement;
import dev.certaudit.history.RunJudgement.Setting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** What a report states about a run as a whole, read from the project's tables on H2. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:summary-queries;DB_CLOSE_DELAY=-1")
@Import(RecordedRuns.class)
class SummaryQueriesTest {

	private static final Instant SOON = Instant.parse("2026-06-01T09:00:00Z");

	private static final Instant LATER = Instant.parse("2026-09-01T09:00:00Z");

	private static final Instant PAST = Instant.parse("2026-05-01T09:00:00Z");

	@Autowired
	RecordedRuns runs;

	@Autowired
	ReportQueries queries;

	@Autowired
	JudgementStore judgements;

	@Test
	void eachOwnerHasItsEndpointsThoseNeedingActionAndItsSoonestExpiryAndTheUnlabelledTheirOwnRowLast() {
		AuditRun run = this.runs.newRun("hosts:/etc/cert-audit/owners.txt");
		endpoint(run, 1, "owner=web env=prod", Status.OK, LATER, 100);
		endpoint(run, 2, "env=test owner=web", Status.WARNING, SOON, 10);
		endpoint(run, 3, "owner=web", Status.ERROR, null, null);
		endpoint(run, 4, "contact=ops@example.test owner=shop", Status.EXPIRED, PAST, -21);
		endpoint(run, 5, "owner=shop", Status.CRITICAL, LATER, 100);
		endpoint(run, 6, "owner=api", Status.OK, LATER, 100);
		endpoint(run, 7, "env=prod", Status.CRITICAL, SOON, 10);
		endpoint(run, 8, "", Status.OK, null, null);
		AuditRun other = this.runs.newRun("hosts:/etc/cert-audit/other.txt");
		endpoint(other, 1, "owner=web", Status.EXPIRED, PAST, -21);

		assertThat(this.queries.owners(run.runId())).usingRecursiveFieldByFieldElementComparatorIgnoringFields("countsByStatus")
			.containsExactly(
				new OwnerSummary("shop", 2, 2, PAST, -21, Map.of()), new OwnerSummary("web", 3, 2, SOON, 10, Map.of()),
				new OwnerSummary("api", 1, 0, LATER, 100, Map.of()), new OwnerSummary(null, 2, 1, SOON, 10, Map.of()));
	}

	@Test
	void trendIsThisRunAndTheCompletedRunsOfTheSameInventoriesBeforeItOldestFirst() {
		String inventories = "hosts:/etc/cert-audit/trend.txt";
		AuditRun first = this.runs.newRun(inventories);
		endpoint(first, 1, "", Status.EXPIRED, PAST, -21);
		endpoint(first, 2, "", Status.CRITICAL, SOON, 3, "CRIT_CERT_EXPIRING", "CRIT_CERT_SELF_SIGNED");
		endpoint(first, 3, "", Status.ERROR, null, null);
		AuditRun failed = this.runs.newRun(inventories);
		endpoint(failed, 1, "", Status.ERROR, null, null);
		AuditRun elsewhere = this.runs.newRun("hosts:/etc/cert-audit/elsewhere.txt");
		endpoint(elsewhere, 1, "", Status.OK, LATER, 100);
		AuditRun second = this.runs.newRun(inventories);
		endpoint(second, 1, "", Status.OK, LATER, 100);
		endpoint(second, 2, "", Status.CRITICAL, SOON, 3, "CRIT_CERT_EXPIRING");
		endpoint(second, 3, "", Status.WARNING, SOON, 20, "WARN_CERT_EXPIRING");
		AuditRun third = this.runs.newRun(inventories);
		endpoint(third, 1, "", Status.OK, LATER, 100);
		endpoint(third, 2, "", Status.OK, LATER, 100);
		endpoint(third, 3, "", Status.WARNING, SOON, 20, "WARN_CERT_EXPIRING", "WARN_CHAIN_OUT_OF_ORDER");
		AuditRun later = this.runs.newRun(inventories);
		endpoint(later, 1, "", Status.OK, LATER, 100);

		List<TrendPoint> trend = this.queries.trend(third, (run) -> run != failed.runId());

		assertThat(trend).extracting(TrendPoint::runId)
			.containsExactly(first.runId(), second.runId(), third.runId());
		assertThat(trend).extracting(TrendPoint::endpoints, TrendPoint::needAction, TrendPoint::expiring)
			.containsExactly(tuple(3L, 3L, 1L), tuple(3L, 2L, 2L), tuple(3L, 1L, 1L));
		assertThat(trend.getFirst().countsByStatus())
			.isEqualTo(Map.of(Status.EXPIRED, 1L, Status.CRITICAL, 1L, Status.ERROR, 1L));
		assertThat(trend.getFirst().startedAt()).isCloseTo(first.createdAt(), within(1, ChronoUnit.MILLIS));
		assertThat(trend.getLast().startedAt()).isCloseTo(third.createdAt(), within(1, ChronoUnit.MILLIS));
	}

	@Test
	void trendTakesTheLatestThirtyRuns() {
		List<AuditRun> audits = new ArrayList<>();
		for (int i = 0; i < RunSummary.TREND_RUNS + 2; i++) {
			AuditRun run = this.runs.newRun("hosts:/etc/cert-audit/nightly.txt");
			endpoint(run, 1, "", Status.OK, LATER, 100);
			audits.add(run);
		}

		assertThat(this.queries.trend(audits.getLast(), (run) -> true)).extracting(TrendPoint::runId)
			.containsExactlyElementsOf(audits.subList(2, audits.size()).stream().map(AuditRun::runId).toList());
	}

	@Test
	void summaryNamesTheSettingsTheRunRecordedAndNoneForARunThatRecordedNone() {
		AuditRun judged = this.runs.newRun("hosts:/etc/cert-audit/judged.txt");
		this.judgements.record(judged.runId(), "ab".repeat(32), "fetch.retries=2\ntrust.intermediates=none");
		AuditRun older = this.runs.newRun("hosts:/etc/cert-audit/judged.txt");

		assertThat(summary(judged).judgement()).isEqualTo(new RunJudgement("ab".repeat(32),
				List.of(new Setting("fetch.retries", "2"), new Setting("trust.intermediates", "none"))));
		assertThat(summary(older).judgement()).isNull();
	}

	private RunSummary summary(AuditRun run) {
		return this.queries.summary(run, new ReportSettings("", Thresholds.DEFAULTS, List.of(), null, 30),
				(earlier) -> false);
	}

	private void endpoint(AuditRun run, long targetId, String labels, Status status, Instant notAfter,
			Integer daysLeft, String... ruleIds) {
		RecordedRuns.Endpoint endpoint = this.runs.endpoint(run, targetId, "host-" + targetId + ".example.test", 443)
			.labels(labels)
			.fetchedFrom("192.0.2." + targetId)
			.assessed(status)
			.naming((notAfter != null) ? "CN=host-" + targetId : null, null, notAfter);
		if (daysLeft != null) {
			endpoint.daysLeft(daysLeft);
		}
		for (String ruleId : ruleIds) {
			endpoint.finding(ruleId);
		}
		endpoint.save();
	}

}
