package dev.certaudit.job;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.certaudit.history.ProbeStore;
import dev.certaudit.history.ProbeStore.ProbeCount;
import dev.certaudit.probe.ProbeOutcome;
import dev.certaudit.probe.ProbeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The progress line's arithmetic and wording, and where the listener shows it. */
@ExtendWith(OutputCaptureExtension.class)
class FetchProgressTest {

	@Test
	void rateAndEtaFollowFromWhatThisProcessFetched() {
		// a restarted run: 1000 fetched before, 500 more in 10 s by this process, 3500 left
		FetchProgress progress = new FetchProgress(1500, 5000, 12, 500, Duration.ofSeconds(10));

		assertThat(progress.rate()).isEqualTo(50.0);
		assertThat(progress.eta()).contains(Duration.ofSeconds(70));
		assertThat(progress.line()).isEqualTo("fetched 1500/5000 (30%), 50.0/s, 12 errors, ETA 1m10s");
	}

	@Test
	void etaIsUnknownUntilSomethingIsFetched() {
		FetchProgress progress = new FetchProgress(0, 200, 0, 0, Duration.ofSeconds(3));

		assertThat(progress.rate()).isZero();
		assertThat(progress.eta()).isEmpty();
		assertThat(progress.line()).isEqualTo("fetched 0/200 (0%), 0.0/s, 0 errors, ETA -");
		assertThat(new FetchProgress(0, 0, 0, 0, Duration.ZERO).line()).isEqualTo("fetched 0/0 (100%), 0.0/s, 0 errors, ETA -");
	}

	@Test
	void finishedFetchHasNoTimeLeftAndSaysHowLongItTook() {
		FetchProgress progress = new FetchProgress(40, 40, 1, 40, Duration.ofMillis(3_210_400));

		assertThat(progress.eta()).contains(Duration.ZERO);
		assertThat(progress.summary()).isEqualTo("fetched 40/40 in 53m30s, 1 error");
	}

	@Test
	void durationsAreAsPreciseAsAnEstimateDeserves() {
		assertThat(FetchProgress.duration(Duration.ofMillis(400))).isEqualTo("0s");
		assertThat(FetchProgress.duration(Duration.ofSeconds(59))).isEqualTo("59s");
		assertThat(FetchProgress.duration(Duration.ofSeconds(187))).isEqualTo("3m07s");
		assertThat(FetchProgress.duration(Duration.ofMinutes(125).plusSeconds(40))).isEqualTo("2h05m");
	}

	@Test
	void onATerminalOneLineIsRedrawnInPlaceAndEndedWithTheSummary() throws Exception {
		ByteArrayOutputStream terminal = new ByteArrayOutputStream();
		FetchProgressListener listener = new FetchProgressListener(database(10, 4), Duration.ofHours(1),
				new PrintStream(terminal, true, StandardCharsets.UTF_8));
		StepExecution step = fetchStep();

		listener.beforeStep(step);
		listener.tracker(step).probed(probe(ProbeOutcome.FETCHED));
		listener.tracker(step).probed(probe(ProbeOutcome.REFUSED));
		Thread.sleep(1_200);
		listener.afterStep(step);

		String shown = terminal.toString(StandardCharsets.UTF_8);
		assertThat(shown).startsWith("\rfetched 6/10 (60%), ").contains(", 1 error, ETA ");
		assertThat(shown).doesNotContain("\n" + "fetched").endsWith(", 1 error\033[K\n");
		assertThat(shown.chars().filter((c) -> c == '\n').count()).isEqualTo(1);
		assertThat(shown.chars().filter((c) -> c == '\r').count()).isGreaterThanOrEqualTo(3);
		assertThat(shown.substring(shown.lastIndexOf('\r') + 1)).startsWith("fetched 6/10 in ");
	}

	@Test
	void withoutATerminalProgressIsLoggedEveryInterval(CapturedOutput output) throws Exception {
		FetchProgressListener listener = new FetchProgressListener(database(3, 0), Duration.ofMillis(200), null);
		StepExecution step = fetchStep();

		listener.beforeStep(step);
		listener.tracker(step).probed(probe(ProbeOutcome.FETCHED));
		Thread.sleep(700);
		listener.afterStep(step);

		List<String> lines = output.getOut().lines().filter((line) -> line.contains("fetchAndAnalyse")).toList();
		assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
		assertThat(lines.get(0)).contains("INFO", "fetchAndAnalyse fetched 1/3 (33%), ");
		assertThat(lines.get(lines.size() - 1)).contains("fetchAndAnalyse fetched 1/3 in ", ", 0 errors");
		assertThat(output.getOut()).doesNotContain("\r");
	}

	@Test
	void aManagerCountsWhatItsWorkersCommitted(CapturedOutput output) throws Exception {
		ProbeStore store = database(10, 2);
		when(store.probed(anyLong(), any())).thenReturn(new ProbeCount(2, 0), new ProbeCount(7, 1));
		FetchProgressListener listener = FetchProgressListener.acrossWorkers(store, Duration.ofHours(1), null);
		StepExecution step = fetchStep();

		listener.beforeStep(step);
		listener.afterStep(step);

		assertThat(output.getOut()).contains("fetchAndAnalyse fetched 7/10 in ", ", 1 error");
	}

	/** A database whose run has {@code targets} targets of which {@code fetched} were fetched before. */
	private static ProbeStore database(long targets, long fetched) {
		ProbeStore store = mock(ProbeStore.class);
		when(store.targets(anyLong(), any())).thenReturn(targets);
		when(store.probed(anyLong(), any())).thenReturn(new ProbeCount(fetched, 0));
		return store;
	}

	private static StepExecution fetchStep() {
		return MetaDataInstanceFactory.createStepExecution(
				MetaDataInstanceFactory.createJobExecution("certificateAuditJob", 1L, 1L,
						new JobParametersBuilder().addLong(AuditJobConfiguration.RUN_ID, 7L).toJobParameters()),
				"fetchAndAnalyse", 11L);
	}

	private static ProbeResult probe(ProbeOutcome outcome) {
		return new ProbeResult("127.0.0.1", outcome, null, List.of(), null, null, Instant.now(), 1);
	}

}
