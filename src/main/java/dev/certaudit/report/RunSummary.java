package dev.certaudit.report;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.certaudit.analysis.Status;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.history.RunChanges;
import dev.certaudit.history.RunJudgement;
import dev.certaudit.inventory.RejectedLine;

/**
 * What a report states about the run as a whole before its rows: identity, headline counts, what
 * discovery found, the inventory lines that were skipped, the most urgent endpoints, the expiry outlook,
 * what changed since the previous run, each owner's share, the trend across runs, and the settings that
 * decided its verdicts.
 * @param organisation whose estate this is, for the title; empty when not configured
 * @param thresholds the days of notice the run judged expiry by
 * @param actions the endpoints needing action, most urgent first, at most {@link #ACTION_LIMIT}
 * @param expiringByWeek distinct certificates expiring in each of the next {@link #OUTLOOK_WEEKS} weeks
 * @param owners every owner's share of the run, in {@link OwnerSummary#REPORT_ORDER}
 * @param trend this run and the completed runs of the same inventories before it, at most
 * {@link #TREND_RUNS}, oldest first
 * @param labelKeys the keys of the inventory labels the run's endpoints carry, in {@link #LABEL_ORDER}
 * @param judgement the settings the run judged its endpoints by, as it recorded them; null for a run
 * created before cert-audit recorded them
 */
public record RunSummary(long runId, String organisation, Instant startedAt, Instant generatedAt,
		Thresholds thresholds, List<String> inventories, Map<Status, Long> countsByStatus, List<RejectedLine> rejectedLines,
		Map<Outcome, Long> namesByOutcome, List<ReportRow> actions, List<ExpiryWeek> expiringByWeek,
		RunChanges changes, List<OwnerSummary> owners, List<TrendPoint> trend, List<String> labelKeys,
		RunJudgement judgement) {

	private static final List<String> FIRST_LABELS = List.of("owner", "contact", "env");

	/** Who owns an endpoint and whom to ask first, then its environment, then the rest alphabetically. */
	public static final Comparator<String> LABEL_ORDER = Comparator
		.comparingInt((String key) -> FIRST_LABELS.contains(key) ? FIRST_LABELS.indexOf(key) : FIRST_LABELS.size())
		.thenComparing(Comparator.naturalOrder());

	/** A leadership report lists this many actions; the workbook lists them all. */
	public static final int ACTION_LIMIT = 100;

	/** Thirteen weeks: the next quarter, the horizon of a renewal plan. */
	public static final int OUTLOOK_WEEKS = 13;

	/** Thirty runs: a month of nightly audits, as many as a chart's axis can name legibly. */
	public static final int TREND_RUNS = 30;

	public RunSummary {
		inventories = List.copyOf(inventories);
		countsByStatus = Map.copyOf(countsByStatus);
		rejectedLines = List.copyOf(rejectedLines);
		namesByOutcome = Map.copyOf(namesByOutcome);
		actions = List.copyOf(actions);
		expiringByWeek = List.copyOf(expiringByWeek);
		owners = List.copyOf(owners);
		trend = List.copyOf(trend);
		labelKeys = labelKeys.stream().distinct().sorted(LABEL_ORDER).toList();
	}

	/** Names discovery looked up (in the hosts file or DNS), with the given answer. */
	public long names(Outcome outcome) {
		return this.namesByOutcome.getOrDefault(outcome, 0L);
	}

	public long namesTried() {
		return this.namesByOutcome.values().stream().mapToLong(Long::longValue).sum();
	}

	public long count(Status status) {
		return this.countsByStatus.getOrDefault(status, 0L);
	}

	public long total() {
		return this.countsByStatus.values().stream().mapToLong(Long::longValue).sum();
	}

	/** Endpoints needing action, including those beyond {@link #actions}. */
	public long actionCount() {
		return total() - count(Status.OK);
	}

	public long expiringInOutlook() {
		return this.expiringByWeek.stream().mapToLong(ExpiryWeek::certificates).sum();
	}

}
