package dev.certaudit.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.certaudit.probe.ProbeOutcome;
import dev.certaudit.probe.ProbeResult;

/**
 * Shows how fetchAndAnalyse advances: on a terminal one line on stderr, rewritten in place; in a log
 * (cron, systemd) an INFO line every {@code interval}, so a long run shows it is alive without flooding
 * the file. The fetch processor counts each target as its probe ends, on whichever thread fetched it.
 */
public class FetchProgressListener implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(FetchProgressListener.class);

	private static final Duration TERMINAL_REFRESH = Duration.ofMillis(500);

	private final JdbcTemplate jdbc;

	private final Duration interval;

	private final PrintStream terminal;

	private final AtomicLong doneHere = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private volatile long doneBefore;

	private volatile long total;

	private volatile long startedNanos;

	private ScheduledExecutorService ticker;

	/** @param terminal where to draw the live line, or null to log periodically instead */
	public FetchProgressListener(JdbcTemplate jdbc, Duration interval, PrintStream terminal) {
		this.jdbc = jdbc;
		this.interval = interval;
		this.terminal = terminal;
	}

	/** Counts one target whose probe has ended, fetched or not. */
	public void probed(ProbeResult probe) {
		this.doneHere.incrementAndGet();
		if (probe.outcome() != ProbeOutcome.FETCHED) {
			this.errors.incrementAndGet();
		}
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long runId = stepExecution.getJobParameters().getLong(AuditJobConfiguration.RUN_ID);
		this.total = this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_target WHERE run_id = ?", Long.class, runId);
		// a restarted run keeps what it fetched before it stopped
		this.doneBefore = this.jdbc.queryForObject("SELECT COUNT(*) FROM probe_result WHERE run_id = ?", Long.class,
				runId);
		this.doneHere.set(0);
		this.errors.set(0);
		this.startedNanos = System.nanoTime();
		Duration every = (this.terminal != null) ? TERMINAL_REFRESH : this.interval;
		this.ticker = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().daemon().name("fetch-progress").factory());
		this.ticker.scheduleAtFixedRate(this::show, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (this.ticker == null) {
			// beforeStep failed before it could count anything: the step's failure says why
			return null;
		}
		this.ticker.shutdownNow();
		this.ticker = null;
		String summary = progress().summary();
		if (this.terminal != null) {
			this.terminal.print("\r" + summary + "\033[K\n");
			this.terminal.flush();
		}
		else {
			log.info("fetchAndAnalyse {}", summary);
		}
		return null;
	}

	FetchProgress progress() {
		long here = this.doneHere.get();
		return new FetchProgress(Math.min(this.total, this.doneBefore + here), this.total, this.errors.get(), here,
				Duration.ofNanos(System.nanoTime() - this.startedNanos));
	}

	private void show() {
		String line = progress().line();
		if (this.terminal != null) {
			// \033[K clears what a longer previous line left to the right
			this.terminal.print("\r" + line + "\033[K");
			this.terminal.flush();
		}
		else {
			log.info("fetchAndAnalyse {}", line);
		}
	}

}
