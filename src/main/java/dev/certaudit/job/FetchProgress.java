package dev.certaudit.job;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How far fetchAndAnalyse has come, as the operator sees it on a terminal or in the log.
 * @param done targets fetched, including those a restarted run had fetched before
 * @param total targets of the run
 * @param errors targets of this process whose chain could not be fetched
 * @param doneHere targets fetched by this process, the basis of the rate
 * @param elapsed since this process began fetching
 */
public record FetchProgress(long done, long total, long errors, long doneHere, Duration elapsed) {

	/** Targets per second this process fetches; 0 before the first second has any. */
	public double rate() {
		long millis = this.elapsed.toMillis();
		return (millis > 0) ? this.doneHere * 1000.0 / millis : 0;
	}

	/** How long the targets left will take at the rate so far; empty until there is a rate. */
	public Optional<Duration> eta() {
		if (this.doneHere == 0 || this.elapsed.isZero()) {
			return Optional.empty();
		}
		long left = Math.max(0, this.total - this.done);
		return Optional.of(Duration.ofMillis(Math.round((double) left * this.elapsed.toMillis() / this.doneHere)));
	}

	/** One line: {@code fetched 1234/5000 (24%), 56.3/s, 12 errors, ETA 1m07s}. */
	public String line() {
		int percent = (this.total > 0) ? (int) (this.done * 100 / this.total) : 100;
		return String.format(Locale.ROOT, "fetched %d/%d (%d%%), %.1f/s, %d %s, ETA %s", this.done, this.total,
				percent, rate(), this.errors, (this.errors == 1) ? "error" : "errors",
				eta().map(FetchProgress::duration).orElse("-"));
	}

	/** The closing line: {@code fetched 5000/5000 in 3m12s, 12 errors}. */
	public String summary() {
		return String.format(Locale.ROOT, "fetched %d/%d in %s, %d %s", this.done, this.total,
				duration(this.elapsed), this.errors, (this.errors == 1) ? "error" : "errors");
	}

	/** {@code 42s}, {@code 3m07s}, {@code 2h05m}: as precise as an estimate deserves. */
	static String duration(Duration duration) {
		long seconds = Math.round(duration.toMillis() / 1000.0);
		if (seconds < 60) {
			return seconds + "s";
		}
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
	}

}
