package dev.certaudit.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import dev.certaudit.CertAuditApplication;
import dev.certaudit.CertAuditProperties;
import dev.certaudit.analysis.Status;
import dev.certaudit.delivery.DeliveryCheck;
import dev.certaudit.delivery.PlacesInventory;
import dev.certaudit.demo.DemoEstate;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.SourceKind;
import dev.certaudit.job.AuditLauncher;
import dev.certaudit.job.AuditLauncher.StartMode;
import dev.certaudit.job.AuditRefusedException;
import dev.certaudit.job.RunOutcome;

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
			                         same PostgreSQL database and RabbitMQ as the manager
			  runs                   list recent runs, newest first: status, exit code, inventories, counts
			      --format=F         table (default), csv or json: the history for other tools, with
			                         endpoints, need action and expiring within the warning days per run
			      --limit=N          the N most recent runs (default 20)
			  report [run-id]        write the Excel and PDF reports of a completed run again from the
			                         database, fetching nothing (default: the latest completed run);
			                         exits 0 once written
			  demo                   start a loopback demo estate (TLS, STARTTLS and DNS servers) and audit
			                         jobs/sample-hosts.txt, jobs/sample-domains.txt and the zone
			                         jobs/demo.cert-audit.test.zone
			                         (exits 0 once the audit completes, whatever it finds)
			  help                   show this text (also: -h or --help after any command)

			Settings (application.yml, or --name=value, or environment variables):
			  cert-audit.reports-dir              where reports go (default: reports)
			  cert-audit.reports.formats          xlsx,pdf,csv,json (default: all); the mail attaches
			                                      xlsx and pdf
			  cert-audit.ct.export                crt.sh JSON export to reconcile the run with (CT
			                                      certificates not deployed, names not in the inventory)
			  cert-audit.organisation             whose estate it is, in the reports' titles
			                                      (or CERT_AUDIT_ORGANISATION)
			  cert-audit.inventory.on-bad-line    fail | skip (default: fail)
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
			                                      {not-yet-valid} {critical} {warning} {ok})
			  cert-audit.mail.only-on-problems    send nothing when every endpoint is OK (default: false)
			  cert-audit.mail.delivery-timeout    how long the whole delivery may take, however slowly
			                                      the server answers (default: 2m)
			  spring.mail.host / port / username  the SMTP server; password from SPRING_MAIL_PASSWORD;
			                                      STARTTLS: spring.mail.properties.mail.smtp.starttls.required=true
			  --spring.profiles.active=postgres   use PostgreSQL (CERT_AUDIT_DB_URL, _USER, _PASSWORD)
			  cert-audit.remote.queue             the RabbitMQ queue of a manager and its workers
			                                      (default: cert-audit.partitions)
			  cert-audit.remote.partitions        partitions per remote run (default: 8)
			  cert-audit.remote.partitions-at-once   partitions one worker runs at once (default: 2)
			  cert-audit.remote.drain-timeout     how long a stopped worker may finish its partitions
			                                      (default: 5m)
			  spring.rabbitmq.host / port / username   the broker (default: localhost:5672, guest);
			                                      password from SPRING_RABBITMQ_PASSWORD

			Exit codes: 0 all fine, 1 warnings, 2 critical/expired/unreachable, 3 the run failed or was
			refused (e.g. the same inventories are being audited right now), 64 usage.
			""";

	private static final int DEFAULT_RUNS_LISTED = 20;

	/** H2's error code for a database file that another process holds open (ErrorCode.DATABASE_ALREADY_OPEN_1). */
	private static final int H2_DATABASE_ALREADY_OPEN = 90020;

	private final PrintStream out;

	private final PrintStream err;

	CertAuditCli(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static int run(String[] args) {
		return new CertAuditCli(System.out, System.err).execute(args);
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
				case "demo" -> demo(invocation);
				case "worker" -> worker(invocation);
				case "check-delivery" -> checkDelivery(invocation);
				default -> throw new UsageException("unknown command '" + invocation.verb() + "'");
			};
		}
		catch (UsageException ex) {
			this.err.println("cert-audit: " + ex.getMessage());
			this.err.println("Run 'cert-audit help' for usage.");
			return ExitCodes.USAGE;
		}
		catch (AuditRefusedException ex) {
			this.err.println("cert-audit: " + ex.getMessage());
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
		invocation.arguments().forEach((file) -> inventories.add(new InventorySource(SourceKind.HOSTS, Path.of(file))));
		invocation.values("domains").forEach((file) -> inventories.add(new InventorySource(SourceKind.DOMAINS, Path.of(file))));
		invocation.values("zone").forEach((file) -> inventories.add(new InventorySource(SourceKind.ZONE, Path.of(file))));
		invocation.values("certs").forEach((path) -> inventories.add(new InventorySource(SourceKind.CERT_FILES, Path.of(path))));
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
				(launcher) -> report(launcher.audit(inventories, concurrency, mode)));
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
			return report(context.getBean(AuditLauncher.class).audit(places, concurrency, mode));
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
				(launcher) -> report(launcher.restart(runId, invocation.flag("force"))));
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
	 */
	private int worker(Invocation invocation) {
		invocation.allowOnly();
		if (!invocation.arguments().isEmpty()) {
			throw new UsageException("worker takes no arguments, got " + String.join(" ", invocation.arguments()));
		}
		List<String> spring = new ArrayList<>(invocation.springArguments());
		spring.add("--cert-audit.remote.enabled=true");
		spring.add("--cert-audit.remote.worker=true");
		ConfigurableApplicationContext context = start(spring);
		CountDownLatch closed = new CountDownLatch(1);
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> closed.countDown());
		CertAuditProperties.Remote remote = context.getBean(CertAuditProperties.class).remote();
		this.out.printf("cert-audit worker (pid %d) serving partitions from queue %s, %d at a time; stop it with SIGTERM%n",
				ProcessHandle.current().pid(), remote.queue(), remote.partitionsAtOnce());
		this.out.flush();
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
					outcome.reportsDirectory(), counts.isEmpty() ? "no endpoints" : counts);
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
			throw new UsageException(invocation.verb() + " takes a run id, got '" + arguments.get(0) + "'");
		}
	}

	private int runs(Invocation invocation) {
		invocation.allowOnly("format", "limit");
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

	/**
	 * Starts the loopback demo estate and audits it the three ways an operator would: the sample host
	 * list, the sample domain list expanded with the demo prefixes, and the demo zone file, all resolved
	 * through the estate's own DNS server.
	 */
	private int demo(Invocation invocation) {
		invocation.allowOnly("concurrency");
		List<InventorySource> inventories = List.of(
				new InventorySource(SourceKind.HOSTS, Path.of("jobs", "sample-hosts.txt")),
				new InventorySource(SourceKind.DOMAINS, Path.of("jobs", "sample-domains.txt")),
				new InventorySource(SourceKind.ZONE, DemoEstate.ZONE_FILE));
		for (InventorySource inventory : inventories) {
			if (!Files.isRegularFile(inventory.path())) {
				throw new AuditRefusedException("demo runs from the project directory: " + inventory.path() + " not found");
			}
		}
		Path demoCa = Path.of("data", "demo", "demo-root-ca.pem");
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
			spring.add("--cert-audit.discovery.prefix-file=" + Path.of("jobs", "demo-prefixes.txt"));
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
				int auditCode = report(outcome, "an audit of these hosts would exit ");
				return outcome.completed() ? ExitCodes.OK : auditCode;
			});
		}
		catch (IOException ex) {
			throw new AuditRefusedException(ex.getMessage());
		}
	}

	private int report(RunOutcome outcome) {
		return report(outcome, "exit ");
	}

	private int report(RunOutcome outcome, String exitLabel) {
		int code = ExitCodes.of(outcome);
		String counts = counts(outcome.countsByStatus());
		if (outcome.completed()) {
			this.out.printf("cert-audit run %d %s: %s; reports in %s (%s%d)%n", outcome.runId(),
					outcome.resumed() ? "resumed and completed" : "completed", counts.isEmpty() ? "no endpoints" : counts,
					outcome.reportsDirectory(), exitLabel, code);
		}
		else {
			this.err.printf("cert-audit run %d %s: %s%nResume it with: cert-audit restart %d (exit %d)%n",
					outcome.runId(), outcome.batchStatus().name().toLowerCase(), outcome.failure(), outcome.runId(),
					code);
		}
		return code;
	}

	private static String counts(Map<Status, Long> counts) {
		return Arrays.stream(Status.values())
			.filter((s) -> counts.getOrDefault(s, 0L) > 0)
			.map((s) -> counts.get(s) + " " + s.name().toLowerCase())
			.collect(Collectors.joining(", "));
	}

	private int withLauncher(List<String> springArguments, ToIntFunction<AuditLauncher> work) {
		try (ConfigurableApplicationContext context = start(springArguments)) {
			return work.applyAsInt(context.getBean(AuditLauncher.class));
		}
	}

	private static ConfigurableApplicationContext start(List<String> springArguments) {
		try {
			return new SpringApplicationBuilder(CertAuditApplication.class).run(springArguments.toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			throw new AuditRefusedException("cannot start: " + startFailure(ex));
		}
	}

	/**
	 * Why Spring could not start, in one line. An embedded H2 file admits one process at a time, so a
	 * second cert-audit process finds it locked while the first one runs: say so plainly.
	 */
	private static String startFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
				return "the database is in use by another cert-audit process; the embedded H2 database admits one"
						+ " process at a time: wait for that run to finish, or use PostgreSQL for runs side by side";
			}
		}
		return rootMessage(failure);
	}

	private static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
