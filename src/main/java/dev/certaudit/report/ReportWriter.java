package dev.certaudit.report;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;

import dev.certaudit.PrivateFiles;
import dev.certaudit.transparency.CtDiscrepancy;
import dev.certaudit.transparency.CtReconciliation;

/**
 * Streams report rows into every report format at once. The files are written only once the step
 * has read every row: a step that fails leaves no half-written report behind, and its restart
 * writes the reports again from the first row (the reader keeps no state). The formats are independent,
 * so each chunk goes to every document at once, each on a thread of its own: the workbook and the PDF
 * each keep a core busy.
 * <p>
 * What shapes the reports besides the rows ({@link ReportSettings}: organisation, thresholds, formats,
 * CT export) is settled when the step starts: the run's own writing records it with the run and imports
 * the CT export; {@code report} reads both back, so it writes the same reports from the database alone.
 */
public class ReportWriter implements ItemStreamWriter<ReportRow>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(ReportWriter.class);

	/** Rows of owners, discovered names, installations and CT differences handed to the documents at a time. */
	private static final int DISCOVERY_BATCH = 1000;

	private final ReportQueries queries;

	private final Function<ReportSettings, RunSummary> summary;

	private final Path directory;

	private final Supplier<ReportSettings> settings;

	private final CtReconciliation transparency;

	private final boolean importCtExport;

	private final List<ReportDocument> documents = new ArrayList<>();

	private RunSummary runSummary;

	private ExecutorService threads;

	/**
	 * @param summary the run as the reports state it, with these settings
	 * @param settings what the reports are written with, got once as the step starts: recorded with the run
	 * by its own writing, read back by {@code report}
	 * @param transparency reconciles the run with the CT export the settings name, if any
	 * @param importCtExport whether to import that export first (the run's own writing), or to reconcile
	 * with what the run imported then ({@code report})
	 */
	public ReportWriter(ReportQueries queries, Function<ReportSettings, RunSummary> summary, Path directory,
			Supplier<ReportSettings> settings, CtReconciliation transparency, boolean importCtExport) {
		this.queries = queries;
		this.summary = summary;
		this.directory = directory;
		this.settings = settings;
		this.transparency = transparency;
		this.importCtExport = importCtExport;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		ReportSettings reportSettings = this.settings.get();
		this.runSummary = this.summary.apply(reportSettings);
		this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("report-", 0).factory());
		try {
			PrivateFiles.createFolders(this.directory);
			ReportFiles.discardLeftovers(this.directory);
			for (ReportFormat.Output output : ReportFormat.outputs(reportSettings.formats())) {
				ReportDocument document = output.document().apply(reportSettings);
				this.documents.add(document);
				document.begin(this.runSummary, this.directory.resolve(output.fileName(this.runSummary)));
			}
			this.queries.owners(this.runSummary.runId(), DISCOVERY_BATCH, (owners) -> {
				for (ReportDocument document : this.documents) {
					document.addOwners(owners);
				}
			});
			this.queries.discoveredNames(this.runSummary.runId(), DISCOVERY_BATCH, (names) -> {
				for (ReportDocument document : this.documents) {
					document.addDiscovery(names);
				}
			});
			this.queries.installations(this.runSummary.runId(), DISCOVERY_BATCH, (installations) -> {
				for (ReportDocument document : this.documents) {
					document.addInstallations(installations);
				}
			});
			if (reportSettings.reconciledWithCt()) {
				reconcileTransparency();
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("Cannot start reports in " + this.directory + ": " + ex.getMessage(), ex);
		}
	}

	/** Every document hears of the reconciliation at least once, even when nothing differs. */
	private void reconcileTransparency() throws IOException {
		List<CtDiscrepancy> batch = new ArrayList<>();
		Consumer<CtDiscrepancy> differences = (difference) -> {
			batch.add(difference);
			if (batch.size() == DISCOVERY_BATCH) {
				addTransparency(batch);
			}
		};
		try {
			if (this.importCtExport) {
				this.transparency.reconcile(this.runSummary.runId(), this.runSummary.startedAt(), differences);
			}
			else {
				this.transparency.discrepancies(this.runSummary.runId(), this.runSummary.startedAt(), differences);
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		addTransparency(batch);
	}

	private void addTransparency(List<CtDiscrepancy> batch) {
		try {
			for (ReportDocument document : this.documents) {
				document.addTransparency(List.copyOf(batch));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		batch.clear();
	}

	@Override
	public void write(Chunk<? extends ReportRow> chunk) throws IOException {
		List<ReportRow> rows = this.queries.withDetails(this.runSummary.runId(), chunk.getItems());
		forEachDocument((document) -> document.add(rows));
	}

	/** Runs after the last chunk committed and before {@link #close}: the moment the files are complete. */
	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.COMPLETED || this.documents.isEmpty()) {
			return null;
		}
		try {
			forEachDocument(ReportDocument::finish);
			this.documents.clear();
			log.info("Reports written to {}", this.directory);
			return null;
		}
		catch (IOException | RuntimeException ex) {
			// afterStep exceptions are only logged by Spring Batch, so fail the step explicitly
			stepExecution.setStatus(BatchStatus.FAILED);
			stepExecution.addFailureException(ex);
			return ExitStatus.FAILED.addExitDescription(ex);
		}
	}

	@Override
	public void close() {
		this.documents.forEach(ReportDocument::close);
		this.documents.clear();
		if (this.threads != null) {
			this.threads.shutdownNow();
			this.threads = null;
		}
	}

	/** Does the same to every document at once, and fails as the first document that failed. */
	private void forEachDocument(DocumentWork work) throws IOException {
		List<Future<?>> done = new ArrayList<>();
		for (ReportDocument document : this.documents) {
			done.add(this.threads.submit(() -> {
				work.apply(document);
				return null;
			}));
		}
		for (Future<?> future : done) {
			try {
				future.get();
			}
			catch (ExecutionException ex) {
				switch (ex.getCause()) {
					case IOException io -> throw io;
					case RuntimeException runtime -> throw runtime;
					case Error error -> throw error;
					default -> throw new IllegalStateException(ex.getCause());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("interrupted while writing the reports");
			}
		}
	}

	@FunctionalInterface
	private interface DocumentWork {

		void apply(ReportDocument document) throws IOException;

	}

}
