package dev.certaudit.job;



import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.analysis.AnalysisEngine;
import dev.certaudit.analysis.revocation.RevocationChecker;
import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.discovery.DiscoveryProcessor;
import dev.certaudit.discovery.NameResolver;
import dev.certaudit.discovery.NameToDiscover;
import dev.certaudit.history.AddressComparisonProcessor;
import dev.certaudit.history.AddressGroup;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.ComparisonStore;
import dev.certaudit.history.DiscoveryStore;
import dev.certaudit.history.InventoryStore;
import dev.certaudit.history.ProbeStore;
import dev.certaudit.history.RunStore;
import dev.certaudit.history.TargetSlice;
import dev.certaudit.inventory.InventoryLine;
import dev.certaudit.inventory.InventoryLineProcessor;
import dev.certaudit.inventory.InventoryLineReader;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.ParsedLine;
import dev.certaudit.inventory.PrefixExpansion;
import dev.certaudit.inventory.PrefixMap;
import dev.certaudit.metrics.PublishMetricsTasklet;
import dev.certaudit.metrics.RunMetrics;
import dev.certaudit.notify.MailActionQueries;
import dev.certaudit.notify.MailDeliveryLog;
import dev.certaudit.notify.ReportMailer;
import dev.certaudit.notify.SendReportsTasklet;
import dev.certaudit.probe.CertificateFetcher;
import dev.certaudit.probe.CertificateFileReader;
import dev.certaudit.probe.ProbedTarget;
import dev.certaudit.probe.TargetProbe;
import dev.certaudit.report.ReportLibraries;
import dev.certaudit.report.ReportQueries;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.ReportSettings;
import dev.certaudit.report.ReportSettingsStore;
import dev.certaudit.report.ReportWriter;
import dev.certaudit.report.RunSummary;
import dev.certaudit.transparency.CtReconciliation;

/**
 * The audit job, step by step: {@code loadInventory} reads host lists, domain lists and zone files
 * into the run's candidates (with the certificate files of {@code --certs}, one target each, which need
 * no DNS and are read rather than fetched), {@code discoverTargets} resolves every name and fans each candidate out
 * to every address, {@code fetchAndAnalyse} captures every endpoint's chain and judges it with the rule
 * engine, {@code compareAddresses} flags names whose addresses serve different certificates,
 * {@code writeReports} writes the Excel workbook, the PDF, the CSV and JSON exports and the renewal
 * calendar ({@code cert-audit.reports.formats}), {@code sendReports} mails the workbook, the PDF and the
 * calendar when mail is on, and {@code publishMetrics} writes the run's Prometheus metrics when a
 * textfile or Pushgateway is set.
 * <p>
 * Parallelism of the fetch: asynchronous processing in a window rather than partitions. The step's
 * reader ({@link ConcurrentFetchReader}) keeps the run's {@code concurrency} fetches in flight on virtual
 * threads and yields them as they finish, so a chunk commits the next results to arrive. Partitions
 * of concurrent chunks were tried first and measured: a chunk lasts as long as its slowest endpoint,
 * and with a few percent of endpoints timing out nearly every chunk waited for one, so the handshakes
 * actually in flight fell far below the concurrency. The reader reads only targets without a committed
 * probe, so a failed or killed run resumes with exactly the targets that were in flight or uncommitted,
 * and the writers replace rows by (run, target) so nothing is ever duplicated.
 * <p>
 * Fetch and analysis are one step because the audit is bound by CPU as much as by the network: each
 * chain is judged on the virtual thread that fetched it, as soon as it arrives, so the analysis of one
 * endpoint overlaps the network waits of the others, and a chain is never written, read back and parsed
 * again between two steps. A target's probe and its verdict commit in the same chunk.
 * <p>
 * Scale-out: with {@code cert-audit.remote.enabled} the same step runs on worker processes, one slice
 * of the run's targets each, and this process's fetchAndAnalyse only partitions and waits
 * ({@link RemotePartitioningConfiguration}).
 * <p>
 * A second job, {@code reportJob}, is the {@code writeReports} step alone: it writes a past run's
 * reports again from the database, without fetching anything, and with what the run's own writeReports
 * recorded of the settings that shape reports, whatever this process's settings are.
 */
@Configuration(proxyBeanMethods = false)
public class AuditJobConfiguration {

	public static final String JOB_NAME = "certificateAuditJob";

	public static final String REPORT_JOB_NAME = "reportJob";

	/** Tells one request for a run's reports from the next, so each writes them anew. */
	public static final String REQUESTED_AT = "requestedAt";

	/** Identifies the run: the job instance of an audit is its run id. */
	public static final String RUN_ID = "runId";

	/** Handshakes in flight the run was started with; informative. */
	public static final String CONCURRENCY = "concurrency";

	/** The run's inventory files as {@code kind:path}, newline-separated. */
	public static final String INVENTORIES = "inventories";

	/**
	 * Names per chunk of discoverTargets: each page query aggregates the run's candidates again, so
	 * small pages cost time quadratic in the inventory (64 made 10,000 names take 6 s).
	 */
	private static final int DISCOVERY_CHUNK = 500;

	/** DNS lookups in flight at once within a chunk of discoverTargets. */
	private static final int DNS_LOOKUPS_AT_ONCE = 64;

	/**
	 * Targets read per query by the fetch window; the window itself is the run's concurrency. The
	 * database's benchmark (DatabaseWriteRate) reads with the same pages.
	 */
	static final int FETCH_PAGE = 500;

	private static final int COMPARISON_CHUNK = 200;

	private static final int REPORT_CHUNK = 500;

	/**
	 * The parameters of a run's job instance; only the run id identifies it, and a restart reuses them
	 * all, so a resumed run keeps the concurrency it started with.
	 */
	public static JobParameters jobParameters(long runId, List<String> inventories, int concurrency) {
		return new JobParametersBuilder().addLong(RUN_ID, runId)
			.addString(INVENTORIES, String.join("\n", inventories), false)
			.addLong(CONCURRENCY, (long) concurrency, false)
			.toJobParameters();
	}

	/** The last execution of run {@code runId}'s audit: it completed, failed or still runs. */
	public static Optional<JobExecution> lastAudit(JobRepository jobRepository, long runId) {
		return Optional.ofNullable(jobRepository.getLastJobExecution(JOB_NAME,
				new JobParametersBuilder().addLong(RUN_ID, runId).toJobParameters()));
	}

	@Bean
	public Job certificateAuditJob(JobRepository jobRepository, Step loadInventory, Step discoverTargets,
			Step fetchAndAnalyse, Step compareAddresses, Step writeReports, Step sendReports, Step publishMetrics) {
		return new JobBuilder(JOB_NAME, jobRepository).listener(new JobExecutionListener() {
			@Override
			public void beforeJob(JobExecution jobExecution) {
				ReportLibraries.loadInBackground();
			}
		})
			.start(loadInventory)
			.next(discoverTargets)
			.next(fetchAndAnalyse)
			.next(compareAddresses)
			.next(writeReports)
			.next(sendReports)
			.next(publishMetrics)
			.build();
	}

	/** The parameters that write the reports of run {@code runId} once more. */
	public static JobParameters reportJobParameters(long runId) {
		return new JobParametersBuilder().addLong(RUN_ID, runId)
			.addLong(REQUESTED_AT, System.currentTimeMillis())
			.toJobParameters();
	}

	@Bean
	public Job reportJob(JobRepository jobRepository, Step writeReports) {
		return new JobBuilder(REPORT_JOB_NAME, jobRepository).start(writeReports).build();
	}

	@Bean
	public Step loadInventory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			InventoryLineReader inventoryLineReader, InventoryLineProcessor inventoryLineProcessor,
			InventoryStore store) {
		return new StepBuilder("loadInventory", jobRepository).<InventoryLine, ParsedLine>chunk(500)
			.transactionManager(transactionManager)
			.reader(inventoryLineReader)
			.processor(inventoryLineProcessor)
			.writer((chunk) -> store.save(chunk.getItems()))
			.build();
	}

	@Bean
	@StepScope
	public InventoryLineReader inventoryLineReader(@Value("#{jobParameters['" + INVENTORIES + "']}") String inventories,
			CertAuditProperties properties) {
		return new InventoryLineReader(Arrays.stream(inventories.split("\n")).map(InventorySource::parse).toList(),
				properties.zone().settings());
	}

	@Bean
	@StepScope
	public InventoryLineProcessor inventoryLineProcessor(@Value("#{jobParameters['" + RUN_ID + "']}") long runId,
			CertAuditProperties properties) {
		Path prefixFile = properties.discovery().prefixFile();
		return new InventoryLineProcessor(runId, properties.inventory().onBadLine(),
				SingletonSupplier.of(() -> new PrefixExpansion(PrefixMap.read(prefixFile))));
	}

	@Bean
	public Step discoverTargets(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcPagingItemReader<NameToDiscover> nameReader, NameResolver nameResolver, DiscoveryStore store) {
		return new StepBuilder("discoverTargets", jobRepository)
			.<NameToDiscover, DiscoveryProcessor.Discovered>chunk(DISCOVERY_CHUNK)
			.transactionManager(transactionManager)
			.reader(nameReader)
			.processor(new DiscoveryProcessor(nameResolver))
			.writer((chunk) -> store.save(chunk.getItems()))
			.taskExecutor(virtualThreads("dns-", DNS_LOOKUPS_AT_ONCE))
			.build();
	}

	@Bean
	@StepScope
	public JdbcPagingItemReader<NameToDiscover> nameReader(DiscoveryStore store,
			@Value("#{jobParameters['" + RUN_ID + "']}") long runId) throws Exception {
		return store.namesToDiscover(runId, DISCOVERY_CHUNK);
	}

	@Bean(destroyMethod = "close")
	public NameResolver nameResolver(CertAuditProperties properties) {
		return new NameResolver(properties.dns().settings());
	}

	/** Here, in this process; with {@code cert-audit.remote.enabled} workers run it in partitions instead. */
	@Bean
	@ConditionalOnProperty(name = "cert-audit.remote.enabled", havingValue = "false", matchIfMissing = true)
	public Step fetchAndAnalyse(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ConcurrentFetchReader<AuditTarget, AuditedTarget> targetAuditor, FetchProgressListener fetchProgress,
			ProbeStore store, CertAuditProperties properties) {
		return fetchAndAnalyseStep("fetchAndAnalyse", jobRepository, transactionManager, targetAuditor, fetchProgress,
				store, properties)
			.build();
	}

	/** The fetch-and-analyse step under a name: the whole run's here, or one partition's on a worker. */
	static ChunkOrientedStepBuilder<AuditedTarget, AuditedTarget> fetchAndAnalyseStep(String name,
			JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ConcurrentFetchReader<AuditTarget, AuditedTarget> targetAuditor, FetchProgressListener fetchProgress,
			ProbeStore store, CertAuditProperties properties) {
		return new StepBuilder(name, jobRepository).<AuditedTarget, AuditedTarget>chunk(properties.fetch().chunkSize())
			.transactionManager(transactionManager)
			.reader(targetAuditor)
			.listener(fetchProgress)
			// a probe and its verdict commit together: a restart finds a target either done or untouched
			.writer((chunk) -> {
				List<ProbedTarget> probed = chunk.getItems().stream().flatMap((item) -> item.probed().stream()).toList();
				store.saveSecondLooks(probed.stream()
					.map(ProbedTarget::target)
					.filter((target) -> target.certificateVariant() != null)
					.toList());
				store.saveProbes(probed);
				store.saveAssessments(chunk.getItems().stream().flatMap((item) -> item.assessed().stream()).toList());
			});
	}

	/**
	 * The run's targets without a committed probe; in a partition only those of its slice
	 * ({@link TargetSlice}), as the manager's partitioner put it in the partition's context.
	 */
	@Bean
	@StepScope
	public ConcurrentFetchReader<AuditTarget, AuditedTarget> targetAuditor(
			@Value("#{jobParameters['" + RUN_ID + "']}") long runId,
			@Value("#{jobParameters['" + CONCURRENCY + "']}") long concurrency,
			@Value("#{stepExecution}") StepExecution stepExecution, TargetProbe targetProbe,
			FetchProgressListener fetchProgress, ProbeStore probes, RunStore runs, AnalysisEngine analysisEngine)
			throws Exception {
		TargetSlice slice = TargetSlice.of(stepExecution.getExecutionContext());
		FetchProgressListener.Tracker progress = fetchProgress.tracker(stepExecution);
		// judged at the run's creation, so a run restarted the next morning gives the same verdicts
		Instant judgedAt = runs.findRun(runId).map(AuditRun::createdAt).orElseThrow();
		return new ConcurrentFetchReader<>(probes.unprobedTargets(runId, slice, FETCH_PAGE),
				(target) -> {
					List<ProbedTarget> probed = targetProbe.probe(target);
					progress.probed(probed.getFirst().probe());
					return new AuditedTarget(probed,
							probed.stream().map((view) -> analysisEngine.assess(view, judgedAt)).toList());
				}, (int) concurrency);
	}

	@Bean
	public FetchProgressListener fetchProgress(ProbeStore store, CertAuditProperties properties) {
		return new FetchProgressListener(store, properties.progress().interval(),
				FetchProgressListener.consoleOrNull());
	}

	@Bean(destroyMethod = "close")
	public CertificateFetcher certificateFetcher(CertAuditProperties properties) {
		return new CertificateFetcher(properties.fetch().settings());
	}

	@Bean
	public TargetProbe targetProbe(CertificateFetcher certificateFetcher, CertAuditProperties properties) {
		return new TargetProbe(certificateFetcher, new CertificateFileReader(properties.certFiles().password()));
	}

	@Bean
	public AnalysisEngine analysisEngine(CertAuditProperties properties) {
		CertAuditProperties.Revocation revocation = properties.revocation();
		return new AnalysisEngine(properties.thresholds().toThresholds(), properties.trust().chainValidator(),
				revocation.enabled() ? new RevocationChecker(revocation.timeout()) : null);
	}

	@Bean
	public Step compareAddresses(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcCursorItemReader<AddressGroup> addressGroupReader, ComparisonStore store, AnalysisEngine analysisEngine) {
		return new StepBuilder("compareAddresses", jobRepository)
			.<AddressGroup, AddressComparisonProcessor.Inconsistency>chunk(COMPARISON_CHUNK)
			.transactionManager(transactionManager)
			.reader(addressGroupReader)
			.processor(new AddressComparisonProcessor(store, analysisEngine))
			.writer((chunk) -> chunk.getItems()
				.forEach((inconsistency) -> inconsistency.findings()
					.forEach((finding) -> store.saveGroupFinding(inconsistency.runId(), inconsistency.targetIds(),
							finding))))
			.build();
	}

	@Bean
	@StepScope
	public JdbcCursorItemReader<AddressGroup> addressGroupReader(ComparisonStore store,
			@Value("#{jobParameters['" + RUN_ID + "']}") long runId) {
		return store.inconsistentGroups(runId);
	}

	@Bean
	public Step writeReports(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcCursorItemReader<ReportRow> reportRowReader, ReportWriter reportWriter) {
		return new StepBuilder("writeReports", jobRepository).<ReportRow, ReportRow>chunk(REPORT_CHUNK)
			.transactionManager(transactionManager)
			.reader(reportRowReader)
			.writer(reportWriter)
			.listener(reportWriter)
			.build();
	}

	@Bean
	@StepScope
	public JdbcCursorItemReader<ReportRow> reportRowReader(DataSource dataSource,
			@Value("#{jobParameters['" + RUN_ID + "']}") long runId) {
		return new JdbcCursorItemReaderBuilder<ReportRow>().name("reportRows")
			.dataSource(dataSource)
			.sql(ReportQueries.ROW_SELECT + " " + ReportQueries.ROW_FROM + " WHERE t.run_id = ? "
					+ ReportQueries.ROW_ORDER)
			.queryArguments(runId)
			.rowMapper(ReportQueries.ROW_MAPPER)
			.fetchSize(REPORT_CHUNK)
			// a restarted report step writes the files again from the first row
			.saveState(false)
			.build();
	}

	/**
	 * The run's own writeReports records what shapes its reports (organisation, thresholds, formats, the
	 * CT export it imports) with the run; {@code reportJob} writes them again with what was recorded, so
	 * the same reports come out of the database alone. Only where they go is this process's to say.
	 */
	@Bean
	@StepScope
	public ReportWriter reportWriter(@Value("#{jobParameters['" + RUN_ID + "']}") long runId,
			@Value("#{stepExecution.jobExecution.jobInstance.jobName}") String jobName, RunStore store,
			ReportQueries reportQueries, ReportSettingsStore settingsStore, CertAuditProperties properties,
			CtReconciliation ctReconciliation, JobRepository jobRepository) {
		boolean again = REPORT_JOB_NAME.equals(jobName);
		return new ReportWriter(reportQueries, runSummary(runId, store, reportQueries, jobRepository),
				properties.reportsDir().resolve(String.valueOf(runId)),
				again ? () -> settingsStore.recorded(runId, properties.reportSettings())
						: () -> settingsStore.record(runId, properties.reportSettings()),
				ctReconciliation, !again);
	}

	/**
	 * Reads {@code cert-audit.ct.export}, when set, at start-up, so a bad export stops the run before it
	 * audits; without one it reconciles only what runs imported before, for {@code report}.
	 */
	@Bean
	public CtReconciliation ctReconciliation(DataSource dataSource, CertAuditProperties properties) {
		return new CtReconciliation(dataSource, properties.ct().export());
	}

	/** One action, not items: a tasklet. It completes whatever the mail's fate, so a restart never mails twice. */
	@Bean
	public Step sendReports(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SendReportsTasklet sendReportsTasklet) {
		return new StepBuilder("sendReports", jobRepository).tasklet(sendReportsTasklet, transactionManager).build();
	}

	/** Mails the reports writeReports wrote, so it names them with the settings writeReports recorded. */
	@Bean
	@StepScope
	public SendReportsTasklet sendReportsTasklet(@Value("#{jobParameters['" + RUN_ID + "']}") long runId,
			RunStore store, ReportQueries reportQueries, ReportSettingsStore settingsStore, ReportMailer reportMailer,
			MailActionQueries mailActionQueries, MailDeliveryLog mailDeliveryLog, CertAuditProperties properties,
			JobRepository jobRepository) {
		ReportSettings settings = settingsStore.recorded(runId, properties.reportSettings());
		Function<ReportSettings, RunSummary> summary = runSummary(runId, store, reportQueries, jobRepository);
		return new SendReportsTasklet(() -> summary.apply(settings),
				properties.reportsDir().resolve(String.valueOf(runId)), settings.formats(), reportMailer,
				mailActionQueries, mailDeliveryLog);
	}

	/** One action, as sendReports: the run's last step, so its metrics say the run succeeded. */
	@Bean
	public Step publishMetrics(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PublishMetricsTasklet publishMetricsTasklet) {
		return new StepBuilder("publishMetrics", jobRepository).tasklet(publishMetricsTasklet, transactionManager)
			.build();
	}

	@Bean
	@StepScope
	public PublishMetricsTasklet publishMetricsTasklet(@Value("#{jobParameters['" + RUN_ID + "']}") long runId,
			RunStore store, DataSource dataSource, CertAuditProperties properties) {
		return new PublishMetricsTasklet(runId, store.findRun(runId).orElseThrow().inventories(), properties.metrics().settings(),
				new RunMetrics(dataSource), Clock.systemUTC());
	}

	/** Built when the application starts, so mail settings that cannot work stop it before any audit. */
	@Bean
	public ReportMailer reportMailer(CertAuditProperties properties, ObjectProvider<JavaMailSender> mailSender) {
		return new ReportMailer(properties.mail().settings(), mailSender.getIfAvailable());
	}

	/**
	 * The run as a report written with the given settings states it, read when the step starts (after the
	 * steps before it committed); its trend takes the earlier runs whose audit completed.
	 */
	private static Function<ReportSettings, RunSummary> runSummary(long runId, RunStore store,
			ReportQueries reportQueries, JobRepository jobRepository) {
		AuditRun run = store.findRun(runId).orElseThrow();
		return (settings) -> reportQueries.summary(run, settings,
				(earlier) -> lastAudit(jobRepository, earlier).map((e) -> e.getStatus() == BatchStatus.COMPLETED)
					.orElse(false));
	}

	private static SimpleAsyncTaskExecutor virtualThreads(String prefix, int atOnce) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix);
		executor.setVirtualThreads(true);
		executor.setConcurrencyLimit(atOnce);
		return executor;
	}

}
