package dev.certaudit.job;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

import dev.certaudit.history.ProbeStore;
import dev.certaudit.history.ProbeStore.ProbeCount;
import dev.certaudit.history.TargetSlice;
import dev.certaudit.probe.ProbeOutcome;
import dev.certaudit.probe.ProbeResult;

/**
 * Shows how fetchAndAnalyse advances: on a terminal one line on stderr, rewritten in place; in a log
 * (cron, systemd) an INFO line every {@code interval}, so a long run shows it is alive without flooding
 * the file. Each step execution has a {@link Tracker} of its own, counted by its fetch processor as each
 * probe ends, on whichever thread fetched it: a worker may run several partitions at once, each with its
 * own slice of the run's targets. A manager whose partitions run on workers counts from the database
 * instead ({@link #acrossWorkers}): what the workers have committed.
 */
public class FetchProgressListener implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(FetchProgressListener.class);

	private static final Duration TERMINAL_REFRESH = Duration.ofMillis(500);

	private final ProbeStore store;

	private final Duration interval;

	private final PrintStream terminal;

	private final boolean fromDatabase;

	private final Map<Long, Tracker> trackers = new ConcurrentHashMap<>();

	private ScheduledExecutorService ticker;

	/** @param terminal where to draw the live line, or null to log periodically instead */
	public FetchProgressListener(ProbeStore store, Duration interval, PrintStream terminal) {
		this(store, interval, terminal, false);
	}

	private FetchProgressListener(ProbeStore store, Duration interval, PrintStream terminal, boolean fromDatabase) {
		this.store = store;
		this.interval = interval;
		this.terminal = terminal;
		this.fromDatabase = fromDatabase;
	}

	/** Where a person watching would see the live line: stderr when there is a console, else nowhere (log instead). */
	static PrintStream consoleOrNull() {
		return (System.console() != null) ? System.err : null;
	}

	/** For a step whose targets other processes fetch: counts the probes they have committed. */
	public static FetchProgressListener acrossWorkers(ProbeStore store, Duration interval, PrintStream terminal) {
		return new FetchProgressListener(store, interval, terminal, true);
	}

	/** The counter of one step execution's probes. */
	public Tracker tracker(StepExecution stepExecution) {
		return this.trackers.computeIfAbsent(stepExecution.getId(), (id) -> new Tracker(stepExecution.getStepName()));
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long runId = stepExecution.getJobParameters().getLong(AuditJobConfiguration.RUN_ID);
		TargetSlice slice = TargetSlice.of(stepExecution.getExecutionContext());
		long total = this.store.targets(runId, slice);
		// a restarted run keeps what it fetched before it stopped
		long doneBefore = this.store.probed(runId, slice).done();
		tracker(stepExecution).start(runId, slice, total, doneBefore);
		synchronized (this) {
			if (this.ticker == null) {
				Duration every = (this.terminal != null) ? TERMINAL_REFRESH : this.interval;
				this.ticker = Executors.newSingleThreadScheduledExecutor(
						Thread.ofPlatform().daemon().name("fetch-progress").factory());
				this.ticker.scheduleAtFixedRate(this::show, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		Tracker tracker = this.trackers.remove(stepExecution.getId());
		synchronized (this) {
			if (this.trackers.isEmpty() && this.ticker != null) {
				this.ticker.shutdownNow();
				this.ticker = null;
			}
		}
		if (tracker == null || tracker.startedNanos == 0) {
			// beforeStep failed before it could count anything: the step's failure says why
			return null;
		}
		String summary = progress(tracker).summary();
		if (this.terminal != null) {
			this.terminal.print("\r" + summary + "\033[K\n");
			this.terminal.flush();
		}
		else {
			log.info("{} {}", tracker.step, summary);
		}
		return null;
	}

	private void show() {
		List<Tracker> started = this.trackers.values().stream().filter((t) -> t.startedNanos != 0).toList();
		if (this.terminal != null) {
			// \033[K clears what a longer previous line left to the right
			this.terminal.print("\r" + started.stream().map((t) -> progress(t).line()).collect(Collectors.joining(" | "))
					+ "\033[K");
			this.terminal.flush();
		}
		else {
			started.forEach((t) -> log.info("{} {}", t.step, progress(t).line()));
		}
	}

	private FetchProgress progress(Tracker tracker) {
		if (this.fromDatabase) {
			ProbeCount probed = this.store.probed(tracker.runId, tracker.slice);
			tracker.doneHere.set(probed.done() - tracker.doneBefore);
			tracker.errors.set(probed.errors());
		}
		return tracker.progress();
	}

	/** How far one step execution has come: its fetch processor counts each probe as it ends. */
	public static final class Tracker {

		private final String step;

		private final AtomicLong doneHere = new AtomicLong();

		private final AtomicLong errors = new AtomicLong();

		private volatile long doneBefore;

		private volatile long total;

		private volatile long startedNanos;

		private volatile long runId;

		private volatile TargetSlice slice;

		private Tracker(String step) {
			this.step = step;
		}

		private void start(long runId, TargetSlice slice, long total, long doneBefore) {
			this.runId = runId;
			this.slice = slice;
			this.total = total;
			this.doneBefore = doneBefore;
			this.startedNanos = System.nanoTime();
		}

		/** Counts one target whose probe has ended, fetched or not. */
		public void probed(ProbeResult probe) {
			this.doneHere.incrementAndGet();
			if (probe.outcome() != ProbeOutcome.FETCHED) {
				this.errors.incrementAndGet();
			}
		}

		FetchProgress progress() {
			long here = this.doneHere.get();
			return new FetchProgress(Math.min(this.total, this.doneBefore + here), this.total, this.errors.get(), here,
					Duration.ofNanos(System.nanoTime() - this.startedNanos));
		}

	}

}
