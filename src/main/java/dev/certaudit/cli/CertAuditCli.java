package dev.certaudit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import dev.certaudit.CertAuditApplication;
import dev.certaudit.analysis.Status;
import dev.certaudit.delivery.DeliveryCheck;
import dev.certaudit.delivery.PlacesInventory;
import dev.certaudit.demo.DemoEstate;
import dev.certaudit.inventory.Echo;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.SourceKind;
import dev.certaudit.job.AuditLauncher;
import dev.certaudit.job.AuditLauncher.StartMode;
import dev.certaudit.job.AuditRefusedException;
import dev.certaudit.job.Retention;
import dev.certaudit.job.RunOutcome;
import dev.certaudit.job.RunPruner;
import dev.certaudit.job.RunState;

/**
 * The command line: parses the verb, starts Spring only when there is work, runs it, prints one
 * summary line and returns an exit code from {@link ExitCodes}.
 */
public final class CertAuditCli {

	static final String USAGE = """
			Usage: cert-audit <command> [arguments] [options] [--cert-audit.<setting>=<value> ...]

			Commands:
			  audit [hosts.txt ...] [--domains=FILE] [--zone=FILE] [--certs=PATH]
			                         audit the hosts listed in host lists, the service names of the
			                         domains in domain lists (expanded with jobs/prefixes.txt), the
			                         names of BIND zone files, and certificate files; if the last run of
			                         the same inventories did not complete, resume it instead
			      --domains=FILE     a domain list (repeatable)
			      --zone=FILE        a zone file (repeatable)
			      --certs=PATH       a certificate file, or a folder whose .pem .crt .cer .der .p12 .pfx
			                         files are all audited (repeatable); PKCS#12 password from the
			                         environment: CERT_AUDIT_CERT_FILES_PASSWORD
			      --only-places-of=SHA256   audit only the places the latest completed run that saw
			                         this certificate found serving it, e.g. once its renewal is installed
			      --new              start a fresh run even if an unfinished one exists
			      --restart          only resume the unfinished run of these inventories
			      --concurrency=N    handshakes in flight at once (default cert-audit.fetch.concurrency);
			                         with --remote, per partition a worker runs
			      --remote           leave fetchAndAnalyse to worker processes: partitions of the targets
			                         go over RabbitMQ (spring.rabbitmq.*) to the workers, which share the
			                         PostgreSQL database; this process writes the reports
			  check-delivery PATH    before installing a renewed certificate: read what was delivered (a
			                         folder, a .zip or a file: PEM/DER certificates and keys, PKCS#12,
			                         PKCS#7), pair the certificate with its key, build its chain, judge it
			                         with the audit's rules and check it covers every place the certificate
			                         it replaces is served; writes the chain, a PKCS#12 (password from
			                         CERT_AUDIT_CERT_FILES_PASSWORD), a PDF and a JSON verdict into
			                         reports/check-delivery-<date>-<sha>; exits 0 ready, 2 not ready,
			                         3 unreadable
			      --replaces=SHA256|host[:port]   the certificate it replaces (default: the served one
			                         whose names it covers best)
			      --run=N            the completed run whose places count (default: the latest)
			  restart [run-id]       resume a failed, stopped or killed run (default: the latest one)
			      --force            resume a run marked running by a process on another host
			      --remote           as for audit
			  worker                 serve partitions of remote audits until stopped (SIGTERM); needs the
			                         same PostgreSQL database and RabbitMQ as the manager; a broker it
			                         cannot reach is tried again every 5 s until it answers
			  runs                   list recent runs, newest first: status, exit code, inventories, counts
			      --format=F         table (default), csv or json: the history for other tools, with
			                         endpoints, need action and expiring within the warning days per run
			      --limit=N          the N most recent runs (default 20)
			  report [run-id]        write the reports of a completed run again from the database alone,
			                         fetching nothing, as the run wrote them (its organisation,
			                         thresholds, formats and CT reconciliation; default: the latest
			                         completed run); exits 0 once written
			  prune                  delete old runs from the database, per inventory: their results and
			                         Spring Batch's records of them (their reports stay on disk); the
			                         newest run, the latest completed one, a failed or stopped one
			                         after it and a running one are always kept
			      --keep-runs=N      keep the N newest runs of each inventory (from 1)
			      --keep-days=N      keep the runs started within the last N days (from 1); with both,
			                         a run either keeps is kept; at least one is needed
			      --dry-run          list the runs it would delete, and delete nothing
			  demo                   start a loopback demo estate (TLS, STARTTLS and DNS servers) and audit
			                         jobs/sample-hosts.txt, jobs/sample-domains.txt and the zone
			                         jobs/demo.cert-audit.test.zone
			                         (exits 0 once the audit completes, whatever it finds)
			  help                   show this text (also: -h or --help after any command)

			Paths you give (inventories, --domains, --zone, --certs, settings that name files) are read
			from the directory you start cert-audit in; the defaults (reports/, data/, jobs/) are the
			checkout's. Messages print absolute paths.

			Settings (application.yml, or --name=value, or environment variables); an unknown
			cert-audit.* setting, or a value a setting cannot take, is refused with exit 64:
			  cert-audit.reports-dir              where reports go (default: reports in the checkout)
			  cert-audit.reports.formats          xlsx,pdf,csv,json,ics (default: xlsx,pdf,csv,json);
			                                      ics is the renewal calendar; the mail attaches xlsx,
			                                      pdf and ics
			  cert-audit.calendar.lead-days       days before expiry a renewal starts, the day of its
			                                      calendar event (default: the warning days)
			  cert-audit.ct.export                crt.sh JSON export to reconcile the run with (CT
			                                      certificates not deployed, names not in the inventory)
			  cert-audit.organisation             whose estate it is, in the reports' titles
			                                      (or CERT_AUDIT_ORGANISATION)
			  cert-audit.inventory.on-bad-line    fail | skip (default: fail)
			  cert-audit.zone.allow-include       read the files a zone's $INCLUDEs name, from below the
			                                      zone file's folder only (default: false, such a zone
			                                      is refused)
			  cert-audit.zone.max-records         the most records a zone may have, those $GENERATE makes
			                                      included (default: 100000)
			  cert-audit.fetch.connect-timeout    how long a TCP connection may take (default: 5s)
			  cert-audit.fetch.dialogue-timeout   how long a STARTTLS server's greeting and dialogue may
			                                      take in all, for mail servers that hold their greeting
			                                      back (default: 30s)
			  cert-audit.fetch.handshake-timeout  how long the TLS handshake may take in all (default: 10s)
			  cert-audit.fetch.max-chain-length   the most certificates a server may send and be judged
			                                      (default: 100)
			  cert-audit.fetch.rsa-second-look    after an ECDSA leaf, visit once more offering only RSA,
			                                      to see a dual-certificate server's RSA one (default: true)
			  cert-audit.fetch.retries            further attempts after a refused, reset or timed-out
			                                      visit, or one a mail server answered "try later"
			                                      (default: 3, so four in all; 0 for one)
			  cert-audit.fetch.retry-backoff      pause before the first retry, doubled before each
			                                      next one (default: 250ms)
			  cert-audit.fetch.retry-backoff-max  the longest pause between attempts (default: 8s)
			  cert-audit.fetch.per-address-concurrency   connections open at once to one IP address,
			                                      whatever the concurrency (default: 4); halved, down
			                                      to 1, for an address that answers "try later"
			  cert-audit.fetch.per-address-gap    least time between two connections to one IP address
			                                      (default: 0ms)
			  cert-audit.progress.interval        how often the fetch logs how far it has come when not
			                                      on a terminal (default: 10s; on a terminal one line
			                                      on stderr is redrawn in place)
			  cert-audit.thresholds.critical-days / warning-days   (default: 7 / 30)
			  cert-audit.trust.extra-store        PEM, DER, PKCS#12 or JKS file of private CA roots
			  cert-audit.trust.extra-pem          private CA roots as PEM text, for a container's
			                                      environment (CERT_AUDIT_TRUST_EXTRA_PEM)
			  cert-audit.trust.intermediates      file or folder of intermediates (PEM, DER, PKCS#7) that
			                                      names what a chain sent without one is missing
			  cert-audit.trust.fetch-aia          fetch a missing intermediate from the leaf's AIA
			                                      caIssuers URL (default: false; aia-timeout 3s for
			                                      the whole download)
			  cert-audit.trust.max-intermediates  intermediates a chain may have below its root (default: 20)
			  cert-audit.mail.enabled             mail the reports after each run (default: false)
			  cert-audit.mail.from / to / cc      sender; recipients, comma-separated
			  cert-audit.mail.subject             e.g. "cert-audit {date}: {expired} expired, {critical} critical"
			                                      ({run} {date} {total} {problems} {error} {expired}
			                                      {not-yet-valid} {critical} {warning} {ok} {organisation})
			  cert-audit.mail.only-on-problems    send nothing when every endpoint is OK (default: false)
			  cert-audit.mail.per-owner           also mail each contact= address of the inventories
			                                      its own endpoints that need action (default: false)
			  cert-audit.mail.delivery-timeout    how long the whole delivery may take, however slowly
			                                      the server answers (default: 2m)
			  cert-audit.metrics.textfile         after each run, its metrics for node_exporter's textfile
			                                      collector, replaced atomically (default: none)
			  cert-audit.metrics.pushgateway      a Prometheus Pushgateway's URL to push them to (default:
			                                      none); cert-audit.metrics.push-timeout (default: 10s)
			  spring.mail.host / port / username  the SMTP server; password from SPRING_MAIL_PASSWORD;
			                                      STARTTLS: spring.mail.properties.mail.smtp.starttls.required=true
			  --spring.profiles.active=postgres   use PostgreSQL (CERT_AUDIT_DB_URL, _USER, _PASSWORD)
			  cert-audit.database.resume-attempts   how often a run that lost its database connection is
			                                      resumed by its own process (default: 3; 0 leaves it
			                                      to the next audit or restart)
			  cert-audit.database.reconnect-timeout   how long it waits for the database before each
			                                      resume (default: 2m)
			  cert-audit.remote.queue             the RabbitMQ queue of a manager and its workers
			                                      (default: cert-audit.partitions)
			  cert-audit.remote.partitions        the fewest partitions of a remote run (default: 8)
			  cert-audit.remote.partition-size    the most targets per partition; a larger run has more
			                                      partitions (default: 10000)
			  cert-audit.remote.partitions-at-once   partitions one worker runs at once (default: 2)
			  cert-audit.remote.drain-timeout     how long a stopped worker may finish its partitions
			                                      (default: 5m)
			  cert-audit.remote.stall-timeout     how long a partition may go without progress before
			                                      the manager sends it again once, then fails it
			                                      (default: 10m)
			  cert-audit.lease.timeout            how long a manager or worker may go without renewing
			                                      its lease before it counts as gone (default: 60s)
			  cert-audit.remote.ready-file        a file a worker keeps while it serves partitions (its
			                                      consumers registered at the broker), for a container's
			                                      readiness probe (default: none)
			  cert-audit.remote.alive-file        a file a manager or worker writes again every 10 s
			                                      while it runs, for a liveness probe (default: none)
			  spring.rabbitmq.host / port / username   the broker (default: localhost:5672, guest);
			                                      password from SPRING_RABBITMQ_PASSWORD; a manager that
			                                      cannot reach it creates no run and exits 3
			  spring.rabbitmq.connection-timeout  how long connecting to the broker may take
			                                      (default: 10s)

			Exit codes: 0 all fine, 1 warnings, 2 error/expired/critical, 3 the run failed or was
			refused (e.g. the same inventories are being audited right now), or cert-audit could not start
			or crashed, in one line that says why (--logging.level.dev.certaudit.cli=debug logs the stack
			trace), 64 usage: a wrong command, option, argument, setting or value.
			""";

	private static final int DEFAULT_RUNS_LISTED = 20;

	/**
	 * The directory the operator started the command in, which scripts/cert-audit passes on before it
	 * changes into the checkout: the paths the operator types are relative to it.
	 */
	static final String CALLER_DIR_VARIABLE = "CERT_AUDIT_CALLER_DIR";

	/** H2's error code for a database file that another process holds open (ErrorCode.DATABASE_ALREADY_OPEN_1). */
	private static final int H2_DATABASE_ALREADY_OPEN = 90020;

	/** H2's error code for a write to a database it opened read only (ErrorCode.DATABASE_IS_READ_ONLY). */
	private static final int H2_DATABASE_IS_READ_ONLY = 90097;

	private static final Logger log = LoggerFactory.getLogger(CertAuditCli.class);

	private final PrintStream out;

	private final PrintStream err;

	private final Path callerDirectory;

	CertAuditCli(PrintStream out, PrintStream err) {
		this(out, err, Path.of("").toAbsolutePath());
	}

	/** @param callerDirectory absolute: where relative paths the operator gives are read from */
	CertAuditCli(PrintStream out, PrintStream err, Path callerDirectory) {
		this.out = out;
		this.err = err;
		this.callerDirectory = callerDirectory;
	}

	public static int run(String[] args) {
		String caller = System.getenv(CALLER_DIR_VARIABLE);
		Path callerDirectory = (caller != null && Path.of(caller).isAbsolute()) ? Path.of(caller)
				: Path.of("").toAbsolutePath();
		return new CertAuditCli(System.out, System.err, callerDirectory).execute(args);
	}

	int execute(String[] args) {
		try {
			Invocation invocation = Invocation.parse(args);
			String verb = invocation.flag("help") ? "help" : invocation.verb();
			return switch (verb) {
				case "help" -> {
					this.out.print(USAGE);
					yield ExitCodes.OK;
				}
				case "audit" -> audit(invocation);
				case "restart" -> restart(invocation);
				case "runs" -> runs(invocation);
				case "report" -> report(invocation);
				case "prune" -> prune(invocation);
				case "demo" -> demo(invocation);
				case "worker" -> worker(invocation);
				case "check-delivery" -> checkDelivery(invocation);
				default -> throw new UsageException("unknown command " + Echo.quote(invocation.verb()));
			};
		}
		catch (UsageException ex) {
			this.err.println("cert-audit: " + ex.getMessage());
			this.err.println("Run 'cert-audit help' for usage.");
			return ExitCodes.USAGE;
		}
		catch (SettingsException ex) {
			this.err.println("cert-audit: " + ex.getMessage());
			return ExitCodes.USAGE;
		}
		catch (AuditRefusedException | CommandFailedException ex) {
			this.err.println("cert-audit: " + ex.getMessage());
			return ExitCodes.RUN_FAILED;
		}
		catch (RuntimeException | Error ex) {
			// exit 1 would read as "warnings only", and a scheduler would take the crash for a success
			log.debug("cert-audit failed", ex);
			this.err.println("cert-audit: failed: " + crash(ex));
			return ExitCodes.RUN_FAILED;
		}
	}

	private int audit(Invocation invocation) {
		invocation.allowOnly("new", "restart", "concurrency", "domains", "zone", "certs", "remote", "only-places-of");
		if (invocation.flag("new") && invocation.flag("restart")) {
			throw new UsageException("--new and --restart contradict each other");
		}
		StartMode mode = invocation.flag("new") ? StartMode.NEW
				: invocation.flag("restart") ? StartMode.RESUME : StartMode.RESUME_OR_NEW;
		if (invocation.flag("only-places-of")) {
			return auditPlacesOf(invocation, mode);
		}
		List<InventorySource> inventories = new ArrayList<>();
		invocation.arguments().forEach((file) -> inventories.add(new InventorySource(SourceKind.HOSTS, operatorPath(file))));
		invocation.values("domains").forEach((file) -> inventories.add(new InventorySource(SourceKind.DOMAINS, operatorPath(file))));
		invocation.values("zone").forEach((file) -> inventories.add(new InventorySource(SourceKind.ZONE, operatorPath(file))));
		invocation.values("certs").forEach((path) -> inventories.add(new InventorySource(SourceKind.CERT_FILES, operatorPath(path))));
		if (inventories.isEmpty()) {
			throw new UsageException("audit needs at least one inventory: a host list, --domains, --zone or --certs");
		}
		for (InventorySource inventory : inventories) {
			if (!inventory.isReadable()) {
				throw new AuditRefusedException("inventory file not found or not readable: " + inventory.path());
			}
		}
		Integer concurrency = invocation.intOption("concurrency");
		return withLauncher(remote(invocation),
				(launcher) -> report(launcher.audit(inventories, concurrency, mode), "exit ", inventories));
	}

	/** A path as the operator typed it, read from the directory the command was started in. */
	private Path operatorPath(String path) {
		return this.callerDirectory.resolve(path).normalize();
	}

	private int auditPlacesOf(Invocation invocation, StartMode mode) {
		if (!invocation.arguments().isEmpty() || invocation.flag("domains") || invocation.flag("zone")
				|| invocation.flag("certs")) {
			throw new UsageException("--only-places-of audits the places of one certificate and takes no inventories");
		}
		String sha256 = invocation.values("only-places-of").getLast();
		Integer concurrency = invocation.intOption("concurrency");
		try (ConfigurableApplicationContext context = start(remote(invocation))) {
			List<InventorySource> places = context.getBean(PlacesInventory.class).inventories(sha256, this.out);
			return report(context.getBean(AuditLauncher.class).audit(places, concurrency, mode), "exit ", places);
		}
	}

	private int checkDelivery(Invocation invocation) {
		invocation.allowOnly("replaces", "run");
		if (invocation.arguments().size() != 1) {
			throw new UsageException("check-delivery takes one folder, zip or file, got "
					+ (invocation.arguments().isEmpty() ? "none" : String.join(" ", invocation.arguments())));
		}
		Path delivery = Path.of(invocation.arguments().getFirst());
		if (!Files.exists(delivery)) {
			throw new AuditRefusedException("delivery not found: " + delivery);
		}
		String replaces = invocation.values("replaces").isEmpty() ? null : invocation.values("replaces").getLast();
		Integer run = invocation.intOption("run");
		try (ConfigurableApplicationContext context = start(invocation.springArguments())) {
			return context.getBean(DeliveryCheck.class).check(delivery, replaces, (run != null) ? run.longValue() : null,
					this.out);
		}
	}

	private int restart(Invocation invocation) {
		invocation.allowOnly("force", "remote");
		Long runId = runIdArgument(invocation);
		return withLauncher(remote(invocation),
				(launcher) -> report(launcher.restart(runId, invocation.flag("force")), "exit ", List.of()));
	}

	/** The Spring arguments of a verb that may leave fetchAndAnalyse to workers ({@code --remote}). */
	private static List<String> remote(Invocation invocation) {
		List<String> spring = new ArrayList<>(invocation.springArguments());
		if (invocation.flag("remote")) {
			spring.add("--cert-audit.remote.enabled=true");
		}
		return spring;
	}

	/**
	 * Serves partitions of remote audits until the process is stopped: on SIGTERM Spring's shutdown hook
	 * closes the context, which first lets the partitions in progress finish
	 * ({@code cert-audit.remote.drain-timeout}); a worker killed outright leaves its partition to another.
	 * The worker says it serves once its consumers are registered at the broker, not when it has started:
	 * a broker it cannot reach is tried again until it answers.
	 */
	private int worker(Invocation invocation) {
		invocation.allowOnly();
		invocation.allowNoArguments();
		List<String> spring = new ArrayList<>(invocation.springArguments());
		spring.add("--cert-audit.remote.enabled=true");
		spring.add("--cert-audit.remote.worker=true");
		ConfigurableApplicationContext context = start(spring);
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> closed.countDown());
		try {
			closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return ExitCodes.OK;
	}

	private int report(Invocation invocation) {
		invocation.allowOnly();
		Long runId = runIdArgument(invocation);
		return withLauncher(invocation.springArguments(), (launcher) -> {
			RunOutcome outcome = launcher.report(runId);
			if (!outcome.completed()) {
				this.err.printf("cert-audit: the reports of run %d could not be written: %s%n", outcome.runId(),
						outcome.failure());
				return ExitCodes.RUN_FAILED;
			}
			String counts = counts(outcome.countsByStatus());
			this.out.printf("cert-audit run %d reports written again to %s: %s%n", outcome.runId(),
					outcome.reportsDirectory().toAbsolutePath(), counts.isEmpty() ? "no endpoints" : counts);
			return ExitCodes.OK;
		});
	}

	/** The optional run id after the verb; null when absent. */
	private static Long runIdArgument(Invocation invocation) {
		List<String> arguments = invocation.arguments();
		if (arguments.size() > 1) {
			throw new UsageException(invocation.verb() + " takes at most one run id, got " + String.join(" ", arguments));
		}
		if (arguments.isEmpty()) {
			return null;
		}
		try {
			return Long.valueOf(arguments.get(0));
		}
		catch (NumberFormatException ex) {
			throw new UsageException(invocation.verb() + " takes a run id, got " + Echo.quote(arguments.get(0)));
		}
	}

	private int runs(Invocation invocation) {
		invocation.allowOnly("format", "limit");
		invocation.allowNoArguments();
		RunHistory format = RunHistory.named(invocation.values("format").isEmpty() ? "table"
				: invocation.values("format").getLast());
		Integer limit = invocation.intOption("limit");
		if (limit != null && limit < 1) {
			throw new UsageException("--limit needs a number of runs from 1, got " + limit);
		}
		return withLauncher(invocation.springArguments(), (launcher) -> {
			format.write(launcher.recentRuns((limit != null) ? limit : DEFAULT_RUNS_LISTED), this.out);
			return ExitCodes.OK;
		});
	}

	private int prune(Invocation invocation) {
		invocation.allowOnly("keep-runs", "keep-days", "dry-run");
		invocation.allowNoArguments();
		Integer keepRuns = invocation.intOption("keep-runs");
		Integer keepDays = invocation.intOption("keep-days");
		if (keepRuns == null && keepDays == null) {
			throw new UsageException("prune needs --keep-runs=N, --keep-days=N or both: which runs of each inventory to keep");
		}
		// 0 would read as "keep nothing", which prune never does: the newest and latest completed runs stay
		if (keepRuns != null && keepRuns < 1) {
			throw new UsageException("--keep-runs needs a number of runs from 1, got " + keepRuns);
		}
		if (keepDays != null && keepDays < 1) {
			throw new UsageException("--keep-days needs a number of days from 1, got " + keepDays);
		}
		boolean dryRun = invocation.flag("dry-run");
		return withBean(invocation.springArguments(), RunPruner.class, (pruner) -> {
			RunPruner.Plan plan = pruner.plan(new Retention(keepRuns, keepDays));
			if (!plan.prune().isEmpty()) {
				this.out.printf("%-6s %-19s %-10s %s%n", "RUN", "STARTED", "STATUS", "INVENTORIES");
			}
			for (RunState run : plan.prune()) {
				if (!dryRun) {
					pruner.prune(run);
				}
				this.out.printf("%-6d %-19s %-10s %s%n", run.runId(),
						RunHistory.time(LocalDateTime.ofInstant(run.run().createdAt(), ZoneId.systemDefault())),
						(run.status() != null) ? run.status() : "-", String.join(", ", run.run().inventories()));
				this.out.flush();
			}
			this.out.printf("cert-audit prune: %s, %d kept%s%n",
					plural(plan.prune().size(), "run") + (dryRun ? " would be pruned" : " pruned"), plan.kept(),
					dryRun ? "; nothing was deleted (--dry-run)" : "");
			return ExitCodes.OK;
		});
	}

	/**
	 * Starts the loopback demo estate and audits it the three ways an operator would: the sample host
	 * list, the sample domain list expanded with the demo prefixes, and the demo zone file, all resolved
	 * through the estate's own DNS server.
	 */
	private int demo(Invocation invocation) {
		invocation.allowOnly("concurrency");
		invocation.allowNoArguments();
		// the demo's files are the checkout's, where cert-audit runs, wherever the operator stands
		List<InventorySource> inventories = List.of(
				new InventorySource(SourceKind.HOSTS, Path.of("jobs", "sample-hosts.txt").toAbsolutePath()),
				new InventorySource(SourceKind.DOMAINS, Path.of("jobs", "sample-domains.txt").toAbsolutePath()),
				new InventorySource(SourceKind.ZONE, DemoEstate.ZONE_FILE.toAbsolutePath()));
		for (InventorySource inventory : inventories) {
			if (!Files.isRegularFile(inventory.path())) {
				throw new AuditRefusedException("demo runs from the project directory: " + inventory.path() + " not found");
			}
		}
		Path demoCa = Path.of("data", "demo", "demo-root-ca.pem").toAbsolutePath();
		try (DemoEstate estate = DemoEstate.start(demoCa)) {
			this.out.println("Demo estate listening on loopback (DNS at " + estate.dnsServer()
					+ "); its root CA is trusted from " + demoCa);
			this.out.println("Renewals delivered for it, to check before installing (README, check-delivery): "
					+ DemoEstate.DELIVERIES.stream().map((d) -> demoCa.resolveSibling(d).toString()).collect(Collectors.joining(", ")));
			List<String> spring = new ArrayList<>(invocation.springArguments());
			spring.add("--cert-audit.trust.extra-store=" + demoCa);
			spring.add("--cert-audit.dns.servers=" + estate.dnsServer());
			// the demo's names are its own DNS server's, whatever this machine's hosts file lists
			spring.add("--cert-audit.dns.hosts-file=");
			spring.add("--cert-audit.discovery.prefix-file=" + Path.of("jobs", "demo-prefixes.txt").toAbsolutePath());
			if (spring.stream().noneMatch((argument) -> argument.startsWith("--cert-audit.organisation="))) {
				spring.add("--cert-audit.organisation=" + DemoEstate.ORGANISATION);
			}
			// the estate's own loopback AIA server and CT export: the demo still needs no network
			spring.add("--cert-audit.trust.fetch-aia=true");
			spring.add("--cert-audit.ct.export=" + demoCa.resolveSibling(DemoEstate.CT_EXPORT));
			// the demo's closed port is retried as any would be, but a demo should not sit still for seconds
			if (spring.stream().noneMatch((argument) -> argument.startsWith("--cert-audit.fetch.retry-backoff="))) {
				spring.add("--cert-audit.fetch.retry-backoff=100ms");
			}
			Integer concurrency = invocation.intOption("concurrency");
			// the demo estate is broken on purpose: the demo succeeds when its audit completes
			return withLauncher(spring, (launcher) -> {
				RunOutcome outcome = launcher.audit(inventories, concurrency, StartMode.NEW);
				int auditCode = report(outcome, "an audit of these hosts would exit ", inventories);
				return outcome.completed() ? ExitCodes.OK : auditCode;
			});
		}
		catch (IOException ex) {
			throw new AuditRefusedException(ex.getMessage());
		}
	}

	/**
	 * The summary line of a run, the last line printed; before it, when no endpoint at all could be
	 * fetched, what to check: that is seldom the estate, more often this machine's network or DNS, or an
	 * inventory meant for another network.
	 */
	private int report(RunOutcome outcome, String exitLabel, List<InventorySource> inventories) {
		int code = ExitCodes.of(outcome);
		String counts = counts(outcome.countsByStatus());
		if (outcome.completed()) {
			long total = outcome.countsByStatus().values().stream().mapToLong(Long::longValue).sum();
			if (total > 0 && outcome.count(Status.ERROR) == total) {
				this.out.printf("%s: check this machine's network and DNS (cert-audit.dns.servers), and that %s the"
						+ " right inventory for this network; each endpoint's reason is in the reports%n",
						(total == 1) ? "The only endpoint could not be fetched"
								: "None of the " + total + " endpoints could be fetched",
						inventories.isEmpty() ? "the run's inventory is"
								: inventories.stream().map((inventory) -> inventory.path().toString()).collect(
										Collectors.joining(", ")) + ((inventories.size() == 1) ? " is" : " are"));
			}
			this.out.printf("cert-audit run %d %s: %s; reports in %s%s (%s%d)%n", outcome.runId(),
					outcome.resumed() ? "resumed and completed" : "completed", counts.isEmpty() ? "no endpoints" : counts,
					outcome.reportsDirectory().toAbsolutePath(), (outcome.mail() != null) ? "; " + outcome.mail() : "",
					exitLabel, code);
		}
		else if (outcome.databaseLost()) {
			// what went wrong is outside the run, and nothing is lost: no stack traces, one line
			this.err.printf("cert-audit run %d lost its database connection (%s); the same audit, or cert-audit"
					+ " restart %d, resumes it from its last committed chunk (exit %d)%n", outcome.runId(),
					outcome.failure(), outcome.runId(), code);
		}
		else {
			this.err.printf("cert-audit run %d %s: %s%nResume it with: cert-audit restart %d (exit %d)%n",
					outcome.runId(), outcome.batchStatus().name().toLowerCase(), outcome.failure(), outcome.runId(),
					code);
		}
		return code;
	}

	/** {@code 8 errors, 1 expired, 2 not yet valid, 5 critical, 1 warning, 7 ok}: nouns take a plural, adjectives none. */
	static String counts(Map<Status, Long> counts) {
		return Arrays.stream(Status.values())
			.filter((s) -> counts.getOrDefault(s, 0L) > 0)
			.map((s) -> switch (s) {
				case ERROR -> plural(counts.get(s), "error");
				case WARNING -> plural(counts.get(s), "warning");
				default -> counts.get(s) + " " + s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
			})
			.collect(Collectors.joining(", "));
	}

	private static String plural(long count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	private int withLauncher(List<String> springArguments, ToIntFunction<AuditLauncher> work) {
		return withBean(springArguments, AuditLauncher.class, work);
	}

	/**
	 * Runs the work of a bean of a started context. A failure the bean did not foresee ends the command
	 * with exit 3 and one line; its stack trace is logged at DEBUG while logging still runs, before the
	 * context closes.
	 */
	private <T> int withBean(List<String> springArguments, Class<T> type, ToIntFunction<T> work) {
		try (ConfigurableApplicationContext context = start(springArguments)) {
			try {
				return work.applyAsInt(context.getBean(type));
			}
			catch (AuditRefusedException | UsageException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				log.debug("cert-audit failed", ex);
				Optional<DatabaseFolder> folder = DatabaseFolder.of(context.getEnvironment().getProperty("spring.datasource.url"));
				throw new CommandFailedException(databaseFailure(ex, folder).orElseGet(() -> crash(ex)));
			}
		}
	}

	private ConfigurableApplicationContext start(List<String> springArguments) {
		StartChecks checks = new StartChecks(this.callerDirectory);
		try {
			return new SpringApplicationBuilder(CertAuditApplication.class).listeners(checks)
				.run(springArguments.stream().map(this::operatorLogFile).toArray(String[]::new));
		}
		catch (SettingsException ex) {
			throw ex;
		}
		catch (CommandFailedException ex) {
			throw new CommandFailedException("cannot start: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof BindException binding) {
					throw new SettingsException(StrictSettings.describe(binding));
				}
			}
			log.debug("cert-audit could not start", ex);
			throw new CommandFailedException(
					"cannot start: " + databaseFailure(ex, checks.databaseFolder()).orElseGet(() -> rootMessage(ex)));
		}
	}

	/**
	 * A log file named on the command line, read from the operator's directory: Spring Boot sets up
	 * logging before {@link StartChecks} read the other paths.
	 */
	private String operatorLogFile(String argument) {
		for (String setting : List.of("--logging.file.name=", "--logging.file.path=")) {
			if (argument.startsWith(setting) && argument.length() > setting.length()) {
				return setting + operatorPath(argument.substring(setting.length()));
			}
		}
		return argument;
	}

	/**
	 * What the operator can do about a database failure, in one line. An embedded H2 file admits one
	 * process at a time, so a second cert-audit process finds it locked while the first one runs; and
	 * one the user cannot write opens read only, and fails at the first write.
	 */
	private static Optional<String> databaseFailure(Throwable failure, Optional<DatabaseFolder> folder) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
				return Optional.of("the database is in use by another cert-audit process; the embedded H2 database admits"
						+ " one process at a time: wait for that run to finish, or use PostgreSQL for runs side by side");
			}
			if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IS_READ_ONLY && folder.isPresent()) {
				return Optional.of(folder.get().readOnly());
			}
		}
		return Optional.empty();
	}

	/** A failure nobody foresaw: its reason, and where the whole story is. */
	private static String crash(Throwable failure) {
		return rootMessage(failure) + " (" + failure.getClass().getSimpleName()
				+ "; --logging.level.dev.certaudit.cli=debug logs the stack trace)";
	}

	private static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		if (cause instanceof NoSuchFileException missing) {
			return "file not found: " + missing.getFile();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
