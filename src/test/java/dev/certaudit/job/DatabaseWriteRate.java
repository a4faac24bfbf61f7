package dev.certaudit.job;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.sun.management.OperatingSystemMXBean;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.certaudit.CertAuditApplication;
import dev.certaudit.CertAuditProperties;
import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.discovery.DiscoveryProcessor.Discovered;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.discovery.NameToDiscover;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.DiscoveryStore;
import dev.certaudit.history.InventoryStore;
import dev.certaudit.history.ProbeStore;
import dev.certaudit.history.RunStore;
import dev.certaudit.history.TargetSlice;
import dev.certaudit.inventory.AuditCandidate;
import dev.certaudit.inventory.ParsedLine;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

/**
 * How fast PostgreSQL takes what fetchAndAnalyse writes (scripts/bench-database). It runs the step itself,
 * {@link AuditJobConfiguration#fetchAndAnalyseStep} as a worker runs it for a partition: chunks of
 * {@code cert-audit.fetch.chunk-size}, ProbeStore's writers (replace, then insert, probe, assessment and
 * findings), the JobRepository's update of the step execution and its context at each commit, and the
 * fetch window's paged query for targets without a probe. Only the work per target is not the audit's:
 * each target's chain and verdict come ready from an {@link AuditedEstate}, so the time measured is the
 * database's and the writers'. N writer threads are N partitions of {@link TargetSlicePartitioner} run at
 * once, as N workers (or a worker's partitions-at-once) run them against one PostgreSQL.
 * <p>
 * The run's earlier steps are written once, through their own stores (InventoryStore, DiscoveryStore), for
 * the disk a run takes per endpoint. Before each measurement the result tables are emptied and the server
 * checkpoints, so every measurement starts alike. Runs alternate estates and thread counts, so a machine
 * whose load changes during the benchmark slows them alike; the report gives medians.
 *
 * <pre>
 * DatabaseWriteRate --endpoints=50000 --threads=1,2,4,8 --runs=3 --estates=farm,public-ca --out=FILE --command=TEXT
 * </pre>
 */
public final class DatabaseWriteRate {

	static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String JOB = "databaseWriteRate";

	private static final String ESTATE = "estate";

	private static final String MEASUREMENT = "measurement";

	/** What fetchAndAnalyse writes. */
	private static final List<String> RESULT_TABLES = List.of("probe_result", "assessment", "finding");

	/** What loadInventory and discoverTargets write before it, per endpoint too. */
	private static final List<String> EARLIER_TABLES = List.of("audit_candidate", "discovered_name", "audit_target");

	private static final int SETUP_CHUNK = 500;

	private static final int WARM_UP_ENDPOINTS = 5000;

	private final ConfigurableApplicationContext context;

	private final JdbcTemplate jdbc;

	private final String applicationName;

	private long measurements;

	private DatabaseWriteRate(ConfigurableApplicationContext context, String applicationName) {
		this.context = context;
		this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		this.applicationName = applicationName;
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int endpoints = Integer.parseInt(options.getOrDefault("endpoints", "50000"));
		List<Integer> threads = Arrays.stream(options.getOrDefault("threads", "1,2,4,8").split(","))
			.map(Integer::valueOf)
			.toList();
		int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
		List<AuditedEstate> estates = Arrays.stream(options.getOrDefault("estates", "farm,public-ca").split(","))
			.map(AuditedEstate::named)
			.toList();
		Path out = Path.of(options.getOrDefault("out", "bench/RESULTS-database.md"));
		String command = options.getOrDefault("command", "DatabaseWriteRate " + String.join(" ", args));

		long pid = ProcessHandle.current().pid();
		String schema = "bench_dbrate_" + pid;
		String applicationName = "cert-audit-bench-dbrate-" + pid;
		execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(schema)));
		Map<String, AuditedEstate> byName = estates.stream()
			.collect(Collectors.toMap(AuditedEstate::name, (e) -> e, (a, b) -> a, LinkedHashMap::new));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CertAuditApplication.class,
				EstateAuditors.class)
			.web(WebApplicationType.NONE)
			.profiles("postgres")
			.initializers((c) -> c.getBeanFactory().registerSingleton("estates", new Estates(byName)))
			// as arguments, above the postgres profile's own settings
			.run("--spring.datasource.url=" + SERVER + "?currentSchema=" + schema,
					"--spring.datasource.username=postgres", "--spring.datasource.password=",
					"--spring.datasource.hikari.data-source-properties.ApplicationName=" + applicationName,
					"--spring.flyway.schemas=" + schema, "--logging.level.dev.certaudit=WARN")) {
			DatabaseWriteRate bench = new DatabaseWriteRate(context, applicationName);
			String loadBefore = loadAverage();
			long runId = bench.newRun(endpoints);
			Map<String, Long> earlierBytes = bench.sizes(EARLIER_TABLES);
			bench.warmUp(estates, threads.stream().mapToInt(Integer::intValue).max().orElse(1));
			List<Measurement> measured = new ArrayList<>();
			for (int round = 1; round <= runs; round++) {
				for (AuditedEstate estate : estates) {
					for (int count : threads) {
						Measurement m = bench.measure(runId, estate, count, endpoints);
						measured.add(m);
						System.err.printf("  run %d, %s, %d writer thread%s: %.0f endpoints/s, %.0f rows/s, %.1f MB/s,"
								+ " %.0f commits/s%n", round, estate.name(), count, (count == 1) ? "" : "s",
								m.endpointsPerSecond(), m.rowsPerSecond(), m.megabytesPerSecond(), m.commitsPerSecond());
					}
				}
			}
			String report = new Report(command, endpoints, runs, threads, estates,
					bench.machine(context, loadBefore + " before, " + loadAverage() + " after"), earlierBytes, measured)
				.markdown();
			Files.writeString(out, report);
			System.out.print(report);
		}
		finally {
			dropQuietly(schema);
		}
	}

	/** A run whose targets loadInventory and discoverTargets wrote, through their own stores. */
	private long newRun(int endpoints) {
		AuditRun run = this.context.getBean(RunStore.class)
			.createRun(List.of("hosts:estate.txt"), "bench", ProcessHandle.current().pid(), null);
		InventoryStore inventory = this.context.getBean(InventoryStore.class);
		DiscoveryStore discovery = this.context.getBean(DiscoveryStore.class);
		TransactionTemplate transaction = new TransactionTemplate(this.context.getBean(PlatformTransactionManager.class));
		for (int first = 1; first <= endpoints; first += SETUP_CHUNK) {
			List<ParsedLine> lines = new ArrayList<>();
			List<Discovered> names = new ArrayList<>();
			for (int line = first; line < first + SETUP_CHUNK && line <= endpoints; line++) {
				String host = "endpoint-" + line + ".estate.test";
				Target target = new Target(host, 443, Protocol.TLS, null, Map.of("owner", "team-" + line % 25),
						"estate.txt:" + line);
				lines.add(new ParsedLine(List.of(new AuditCandidate(run.runId(), line * (long) AuditCandidate.PER_LINE,
						target, true)), null));
				String address = "10." + (line >> 16 & 255) + "." + (line >> 8 & 255) + "." + (line & 255);
				names.add(new Discovered(new NameToDiscover(run.runId(), host, true), Optional.of(new NameResolution(
						host, NameResolution.Outcome.FOUND, NameResolution.Source.DNS, List.of(), List.of(address), null))));
			}
			transaction.executeWithoutResult((status) -> inventory.save(lines));
			transaction.executeWithoutResult((status) -> discovery.save(names));
		}
		this.jdbc.execute("ANALYZE");
		return run.runId();
	}

	/** A smaller run of each estate first, so the JIT and the connection pool are ready for the measurements. */
	private void warmUp(List<AuditedEstate> estates, int threads) {
		long runId = newRun(WARM_UP_ENDPOINTS);
		for (AuditedEstate estate : estates) {
			measure(runId, estate, threads, WARM_UP_ENDPOINTS);
		}
	}

	private Measurement measure(long runId, AuditedEstate estate, int threads, int endpoints) {
		this.jdbc.execute("TRUNCATE " + String.join(", ", RESULT_TABLES));
		this.jdbc.execute("CHECKPOINT");
		Map<String, Long> sizesBefore = sizes(RESULT_TABLES);
		String walBefore = this.jdbc.queryForObject("SELECT pg_current_wal_lsn()::text", String.class);
		Map<Integer, Long> backendsBefore = backendTicks();
		long jvmBefore = jvmCpuNanos();
		long[] machineBefore = machineTicks();
		long start = System.nanoTime();
		JobExecution execution = start(runId, estate, threads);
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] machineAfter = machineTicks();
		long jvmAfter = jvmCpuNanos();
		Map<Integer, Long> backendsAfter = backendTicks();
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("the measurement's job ended " + execution.getStatus() + ": "
					+ execution.getAllFailureExceptions());
		}
		long walBytes = this.jdbc.queryForObject("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint",
				Long.class, walBefore);
		Map<String, Long> sizesAfter = sizes(RESULT_TABLES);
		Map<String, Long> bytes = new LinkedHashMap<>();
		RESULT_TABLES.forEach((table) -> bytes.put(table, sizesAfter.get(table) - sizesBefore.get(table)));
		long probes = count("probe_result", runId);
		if (probes != endpoints) {
			throw new IllegalStateException("the job wrote " + probes + " probes for " + endpoints + " targets");
		}
		long commits = this.jdbc.queryForObject("SELECT COALESCE(SUM(commit_count), 0) FROM batch_step_execution"
				+ " WHERE job_execution_id = ? AND step_name LIKE ?", Long.class, execution.getId(),
				RemotePartitioningConfiguration.WORKER_STEP + "%");
		long pemBytes = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(octet_length(chain_pem)), 0) FROM probe_result WHERE run_id = ?", Long.class, runId);
		long backendTicks = backendsAfter.entrySet()
			.stream()
			.mapToLong((e) -> e.getValue() - backendsBefore.getOrDefault(e.getKey(), 0L))
			.sum();
		long machineTotal = machineAfter[0] - machineBefore[0];
		double machineBusy = (machineTotal == 0) ? 0 : (double) (machineAfter[1] - machineBefore[1]) / machineTotal;
		return new Measurement(estate.name(), threads, endpoints, probes, count("assessment", runId),
				count("finding", runId), commits, seconds, bytes, walBytes, pemBytes, backendTicks / 100.0,
				(jvmAfter - jvmBefore) / 1e9, machineBusy);
	}

	/**
	 * fetchAndAnalyse of the run as a manager partitions it: {@code threads} slices of its targets, each
	 * the worker's own step, run at once.
	 */
	@SuppressWarnings("unchecked")
	private JobExecution start(long runId, AuditedEstate estate, int threads) {
		JobRepository repository = this.context.getBean(JobRepository.class);
		ProbeStore probes = this.context.getBean(ProbeStore.class);
		// the step's progress line is not wanted here; the listener still counts the slice as it starts
		FetchProgressListener progress = new FetchProgressListener(probes, Duration.ofDays(1), null);
		Step partition = AuditJobConfiguration
			.fetchAndAnalyseStep(RemotePartitioningConfiguration.WORKER_STEP, repository,
					this.context.getBean(PlatformTransactionManager.class),
					this.context.getBean("estateAuditor", ConcurrentFetchReader.class), progress, probes,
					this.context.getBean(CertAuditProperties.class))
			.build();
		SimpleAsyncTaskExecutor partitions = new SimpleAsyncTaskExecutor("partition-");
		Step manager = new StepBuilder("fetchAndAnalyse", repository)
			.partitioner(RemotePartitioningConfiguration.WORKER_STEP,
					new TargetSlicePartitioner(probes, runId, Integer.MAX_VALUE, () -> 0))
			.step(partition)
			.gridSize(threads)
			.taskExecutor(partitions)
			.build();
		Job job = new JobBuilder(JOB, repository).start(manager).build();
		try {
			return this.context.getBean(JobOperator.class)
				.start(job, new JobParametersBuilder().addLong(AuditJobConfiguration.RUN_ID, runId)
					.addString(ESTATE, estate.name())
					.addLong(AuditJobConfiguration.CONCURRENCY,
							(long) this.context.getBean(CertAuditProperties.class).fetch().concurrency())
					.addLong(MEASUREMENT, ++this.measurements)
					.toJobParameters());
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot start the measurement's job: " + ex.getMessage(), ex);
		}
	}

	/** Bytes of each table with its TOAST table and indexes. */
	private Map<String, Long> sizes(List<String> tables) {
		Map<String, Long> sizes = new LinkedHashMap<>();
		tables.forEach((table) -> sizes.put(table,
				this.jdbc.queryForObject("SELECT pg_total_relation_size(?::regclass)", Long.class, table)));
		return sizes;
	}

	private long count(String table, long runId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE run_id = ?", Long.class, runId);
	}

	/** CPU ticks (user and system) of this process's PostgreSQL backends, by pid: the server's share of the work. */
	private Map<Integer, Long> backendTicks() {
		Map<Integer, Long> ticks = new HashMap<>();
		for (Integer pid : this.jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE application_name = ?",
				Integer.class, this.applicationName)) {
			try {
				String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
			}
			catch (IOException ex) {
				// a backend that ended meanwhile: its ticks are lost, and the figure says "at least"
			}
		}
		return ticks;
	}

	private static long jvmCpuNanos() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	/** The machine's CPU ticks: all, and busy (neither idle nor waiting for I/O). */
	private static long[] machineTicks() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split(" +");
			long total = 0;
			for (int i = 1; i < cpu.length; i++) {
				total += Long.parseLong(cpu[i]);
			}
			return new long[] { total, total - Long.parseLong(cpu[4]) - Long.parseLong(cpu[5]) };
		}
		catch (IOException ex) {
			return new long[] { 0, 0 };
		}
	}

	/** The machine's load over the last 1, 5 and 15 minutes. */
	private static String loadAverage() {
		try {
			return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private Machine machine(ConfigurableApplicationContext context, String load) {
		Map<String, String> settings = new LinkedHashMap<>();
		for (String setting : List.of("synchronous_commit", "fsync", "full_page_writes", "wal_level", "wal_compression",
				"shared_buffers", "wal_buffers", "max_wal_size", "checkpoint_timeout")) {
			settings.put(setting, this.jdbc.queryForObject("SHOW " + setting, String.class));
		}
		CertAuditProperties properties = context.getBean(CertAuditProperties.class);
		return new Machine(Runtime.getRuntime().availableProcessors(), procLine("/proc/cpuinfo", "model name"),
				procLine("/proc/meminfo", "MemTotal"),
				System.getProperty("java.vm.name") + " " + Runtime.version(),
				this.jdbc.queryForObject("SHOW server_version", String.class), settings,
				properties.fetch().chunkSize(), properties.fetch().concurrency(), LocalDate.now().toString(), load);
	}

	private static String procLine(String file, String key) {
		try {
			return Files.readAllLines(Path.of(file))
				.stream()
				.filter((line) -> line.startsWith(key))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static void dropQuietly(String schema) {
		try {
			execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
		catch (SQLException ex) {
			// the finally block dropped it already, or the server is gone: nothing of ours is left to drop
		}
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("DatabaseWriteRate: expected --name=value, got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		return options;
	}

	/** The estates the measurements may write, by name. */
	record Estates(Map<String, AuditedEstate> byName) {
	}

	/**
	 * The fetch window of one partition, as the job's own {@code targetAuditor} but over an estate's ready
	 * verdicts instead of the network. Registered by hand, not scanned: the test suite's contexts must not
	 * meet it.
	 */
	static class EstateAuditors {

		@Bean
		@StepScope
		ConcurrentFetchReader<AuditTarget, AuditedTarget> estateAuditor(
				@Value("#{jobParameters['" + AuditJobConfiguration.RUN_ID + "']}") long runId,
				@Value("#{jobParameters['" + ESTATE + "']}") String estate,
				@Value("#{jobParameters['" + AuditJobConfiguration.CONCURRENCY + "']}") long concurrency,
				@Value("#{stepExecution}") StepExecution stepExecution, ProbeStore probes, Estates estates)
				throws Exception {
			TargetSlice slice = TargetSlice.of(stepExecution.getExecutionContext());
			return new ConcurrentFetchReader<>(
					probes.unprobedTargets(runId, slice, AuditJobConfiguration.FETCH_PAGE),
					estates.byName().get(estate)::audit, (int) concurrency);
		}

	}

	/** One measurement: one estate's targets written by {@code threads} partitions at once. */
	record Measurement(String estate, int threads, long endpoints, long probes, long assessments, long findings,
			long commits, double seconds, Map<String, Long> bytes, long walBytes, long pemBytes,
			double postgresCpuSeconds, double jvmCpuSeconds, double machineBusy) {

		long rows() {
			return this.probes + this.assessments + this.findings;
		}

		long tableBytes() {
			return this.bytes.values().stream().mapToLong(Long::longValue).sum();
		}

		double endpointsPerSecond() {
			return this.endpoints / this.seconds;
		}

		double rowsPerSecond() {
			return rows() / this.seconds;
		}

		/** Growth of the tables and their indexes, in MB (10^6 bytes) per second. */
		double megabytesPerSecond() {
			return tableBytes() / 1e6 / this.seconds;
		}

		double commitsPerSecond() {
			return this.commits / this.seconds;
		}

	}

	/** Where the figures were measured. */
	record Machine(int processors, String cpu, String memory, String jdk, String postgres, Map<String, String> settings,
			int chunkSize, int concurrency, String date, String load) {
	}

	/** The figures as bench/RESULTS-database.md shows them: medians per estate and thread count. */
	record Report(String command, int endpoints, int runs, List<Integer> threads, List<AuditedEstate> estates,
			Machine machine, Map<String, Long> earlierBytes, List<Measurement> measured) {

		private static final int NIGHTLY = 1_000_000;

		String markdown() {
			StringBuilder md = new StringBuilder();
			md.append("# Benchmark results: PostgreSQL's write rate for fetchAndAnalyse\n\n");
			md.append("Command: `").append(this.command).append("`  \n");
			md.append("Measured ").append(this.machine.date()).append(" on ").append(this.machine.processors())
				.append(" cores (").append(this.machine.cpu()).append("), ").append(this.machine.memory())
				.append(" memory, ").append(this.machine.jdk()).append("; PostgreSQL ").append(this.machine.postgres())
				.append(" on the same machine, over loopback, with ")
				.append(this.machine.settings()
					.entrySet()
					.stream()
					.map((e) -> "`" + e.getKey() + "=" + e.getValue() + "`")
					.collect(Collectors.joining(", ")))
				.append(".\n\nThe machine was shared with other work while it ran (other engineers' builds and tests on"
						+ " the same cores and the same PostgreSQL; load average ")
				.append(this.machine.load())
				.append("; its cores were ")
				.append(format(median(this.measured, (m) -> m.machineBusy() * 100), 0))
				.append("% busy in the median measurement, whoever used them). The same measurement varied by up to ")
				.append(format(spread(), 0))
				.append("x from run to run: the medians asked for are given, and beside them the best run, the least"
						+ " disturbed, which comes closer to what the machine does on its own. Even the CPU per endpoint"
						+ " varies with the load (probably PostgreSQL's backends spinning on locks whose holders wait"
						+ " for a core), so its lowest figure is given too.\n\n");
			md.append("""
					## What is measured

					The fetchAndAnalyse step itself (`AuditJobConfiguration.fetchAndAnalyseStep`, as a worker runs \
					it for a partition), against PostgreSQL: chunks of `cert-audit.fetch.chunk-size` (%d) endpoints, \
					each one transaction in which `ProbeStore` replaces and inserts the chunk's `probe_result`, \
					`assessment` and `finding` rows (JDBC batches), and the JobRepository updates the step execution \
					and its context; plus the fetch window's paged query for targets without a probe (%d a page, \
					%d in flight). Only fetching and judging are left out: each target's chain and verdict come \
					ready (`AuditedEstate`: real certificates judged once by the real rule engine), so the time is \
					the database's and the writers'. N writer threads are N partitions of `TargetSlicePartitioner` \
					run at once, as N workers, or a worker's `partitions-at-once`, write to one PostgreSQL. \
					Each measurement writes %,d endpoints into emptied result tables after a `CHECKPOINT`; before \
					them, a warm-up of %,d endpoints per estate. Source: \
					`src/test/java/dev/certaudit/job/DatabaseWriteRate.java`.

					- rows/s: `probe_result` + `assessment` + `finding` rows committed per second of the step's wall time;
					- MB/s: growth of those three tables with their TOAST tables and indexes \
					(`pg_total_relation_size`), 10^6 bytes per second;
					- commits/s: the partitions' chunk transactions (Spring Batch's commit count) per second;
					- PostgreSQL CPU: user and system CPU of the benchmark's own backends (`/proc/PID/stat`), per \
					endpoint; the WAL writer and checkpointer are not in it;
					- JVM CPU: the benchmark process's CPU (Spring Batch, the writers, JDBC, the fetch window), per \
					endpoint;

					""".formatted(this.machine.chunkSize(), AuditJobConfiguration.FETCH_PAGE, this.machine.concurrency(),
					this.endpoints, WARM_UP_ENDPOINTS));
			md.append("## The estates\n\n");
			md.append("| estate | chains and findings | chain PEM bytes per endpoint | findings per endpoint | rows per endpoint |\n");
			md.append("|---|---|---|---|---|\n");
			for (AuditedEstate estate : this.estates) {
				List<Measurement> all = of(estate.name());
				md.append("| ").append(estate.name()).append(" | ").append(estate.description()).append(" | ")
					.append(format(median(all, (m) -> (double) m.pemBytes() / m.endpoints()), 0)).append(" | ")
					.append(format(median(all, (m) -> (double) m.findings() / m.endpoints()), 2)).append(" | ")
					.append(format(median(all, (m) -> (double) m.rows() / m.endpoints()), 2)).append(" |\n");
			}
			md.append("\n## Write rate\n\n");
			md.append("Medians of ").append(this.runs).append(" runs, the best run's figure in brackets; the last column"
					+ " gives every run's endpoints/s.\n\n");
			md.append("| estate | writer threads | endpoints/s | rows/s | MB/s | commits/s | PostgreSQL CPU µs/endpoint"
					+ " | JVM CPU µs/endpoint | endpoints/s, each run |\n");
			md.append("|---|---|---|---|---|---|---|---|---|\n");
			for (AuditedEstate estate : this.estates) {
				for (int count : this.threads) {
					List<Measurement> these = of(estate.name(), count);
					md.append("| ").append(estate.name()).append(" | ").append(count).append(" | ")
						.append(medianAndBest(these, Measurement::endpointsPerSecond, 0, true)).append(" | ")
						.append(medianAndBest(these, Measurement::rowsPerSecond, 0, true)).append(" | ")
						.append(medianAndBest(these, Measurement::megabytesPerSecond, 1, true)).append(" | ")
						.append(medianAndBest(these, Measurement::commitsPerSecond, 0, true)).append(" | ")
						.append(medianAndBest(these, (m) -> m.postgresCpuSeconds() * 1e6 / m.endpoints(), 0, false))
						.append(" | ")
						.append(medianAndBest(these, (m) -> m.jvmCpuSeconds() * 1e6 / m.endpoints(), 0, false))
						.append(" | ")
						.append(these.stream().map((m) -> format(m.endpointsPerSecond(), 0)).collect(Collectors.joining(", ")))
						.append(" |\n");
				}
			}
			md.append("\n## Disk per endpoint and run\n\n");
			md.append("Bytes per endpoint of each table with its TOAST table and indexes after one run "
					+ "(`pg_total_relation_size`; the earlier steps' tables written once, through their own stores, "
					+ "for the same endpoints), and the WAL the server wrote during the measurement per endpoint "
					+ "(`pg_current_wal_lsn`; the whole server's, so other sessions' writes are in it too). The "
					+ "JobRepository's rows grow per chunk, not per endpoint, and are left out.\n\n");
			md.append("| estate | ");
			EARLIER_TABLES.forEach((table) -> md.append(table).append(" | "));
			RESULT_TABLES.forEach((table) -> md.append(table).append(" | "));
			md.append("total | WAL |\n|---|");
			md.append("---|".repeat(EARLIER_TABLES.size() + RESULT_TABLES.size() + 2)).append('\n');
			for (AuditedEstate estate : this.estates) {
				List<Measurement> all = of(estate.name());
				md.append("| ").append(estate.name()).append(" | ");
				EARLIER_TABLES.forEach((table) -> md.append(format(earlierPerEndpoint(table), 0)).append(" | "));
				RESULT_TABLES.forEach((table) -> md
					.append(format(median(all, (m) -> (double) m.bytes().get(table) / m.endpoints()), 0))
					.append(" | "));
				md.append("**").append(format(bytesPerEndpoint(estate.name()), 0)).append("** | ")
					.append(format(median(all, (m) -> (double) m.walBytes() / m.endpoints()), 0)).append(" |\n");
			}
			md.append("\n## What it means for ").append(format(NIGHTLY, 0)).append(" endpoints nightly\n\n");
			md.append("Time to write a run's results at the rates above, median (best run), if the database keeps the"
					+ " rate measured here for the writes of all workers together; the CPU its backends spend on them at"
					+ " the 1-thread figure, median (lowest); and the disk a run keeps, tables and indexes, without the"
					+ " WAL and its archive:\n\n");
			md.append("| estate | writes, 1 thread | writes, fastest thread count | PostgreSQL CPU per run | disk per run"
					+ " | per year of nightly runs |\n");
			md.append("|---|---|---|---|---|---|\n");
			for (AuditedEstate estate : this.estates) {
				List<Measurement> single = of(estate.name(), this.threads.getFirst());
				int fastest = this.threads.getFirst();
				for (int count : this.threads) {
					if (median(of(estate.name(), count), Measurement::endpointsPerSecond) > median(
							of(estate.name(), fastest), Measurement::endpointsPerSecond)) {
						fastest = count;
					}
				}
				List<Measurement> quickest = of(estate.name(), fastest);
				ToDoubleFunction<Measurement> writeTime = (m) -> NIGHTLY / m.endpointsPerSecond();
				ToDoubleFunction<Measurement> cpu = (m) -> m.postgresCpuSeconds() / m.endpoints() * NIGHTLY;
				double perRun = bytesPerEndpoint(estate.name()) * NIGHTLY;
				md.append("| ").append(estate.name()).append(" | ").append(minutes(median(single, writeTime)))
					.append(" (").append(minutes(best(single, writeTime, false))).append(") | ")
					.append(minutes(median(quickest, writeTime))).append(" (")
					.append(minutes(best(quickest, writeTime, false))).append("), ").append(fastest).append(" threads | ")
					.append(minutes(median(single, cpu))).append(" (").append(minutes(best(single, cpu, false)))
					.append(") | ").append(format(perRun / 1e9, 1)).append(" GB | ")
					.append(format(perRun * 365 / 1e12, 2)).append(" TB |\n");
			}
			return md.toString();
		}

		private List<Measurement> of(String estate) {
			return this.measured.stream().filter((m) -> m.estate().equals(estate)).toList();
		}

		private List<Measurement> of(String estate, int threads) {
			return of(estate).stream().filter((m) -> m.threads() == threads).toList();
		}

		private double earlierPerEndpoint(String table) {
			return (double) this.earlierBytes.get(table) / this.endpoints;
		}

		private double bytesPerEndpoint(String estate) {
			return EARLIER_TABLES.stream().mapToDouble(this::earlierPerEndpoint).sum()
					+ median(of(estate), (m) -> (double) m.tableBytes() / m.endpoints());
		}

		/** The largest ratio of best to worst run among the measurements of one estate and thread count. */
		private double spread() {
			double spread = 1;
			for (AuditedEstate estate : this.estates) {
				for (int count : this.threads) {
					List<Measurement> these = of(estate.name(), count);
					spread = Math.max(spread, best(these, Measurement::endpointsPerSecond, true)
							/ best(these, Measurement::endpointsPerSecond, false));
				}
			}
			return spread;
		}

		private static String medianAndBest(List<Measurement> measurements, ToDoubleFunction<Measurement> figure,
				int decimals, boolean higherIsBetter) {
			return format(median(measurements, figure), decimals) + " ("
					+ format(best(measurements, figure, higherIsBetter), decimals) + ")";
		}

		private static double best(List<Measurement> measurements, ToDoubleFunction<Measurement> figure,
				boolean highest) {
			return highest ? measurements.stream().mapToDouble(figure).max().orElse(Double.NaN)
					: measurements.stream().mapToDouble(figure).min().orElse(Double.NaN);
		}

		static double median(List<Measurement> measurements, ToDoubleFunction<Measurement> figure) {
			double[] values = measurements.stream().mapToDouble(figure).sorted().toArray();
			if (values.length == 0) {
				return Double.NaN;
			}
			int middle = values.length / 2;
			return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
		}

		private static String minutes(double seconds) {
			return (seconds < 60) ? format(seconds, 0) + " s" : format(seconds / 60, 1) + " min";
		}

		private static String format(double value, int decimals) {
			return String.format(java.util.Locale.ROOT, "%,." + decimals + "f", value);
		}

	}

}
