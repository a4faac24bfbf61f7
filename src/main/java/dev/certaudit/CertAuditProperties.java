package dev.certaudit;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.certaudit.analysis.ChainValidator;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.analysis.intermediates.AiaIssuerFetcher;
import dev.certaudit.analysis.intermediates.IntermediateBundle;
import dev.certaudit.analysis.intermediates.IntermediateLookup;
import dev.certaudit.discovery.DnsSettings;
import dev.certaudit.discovery.HostsFile;
import dev.certaudit.inventory.BadLinePolicy;
import dev.certaudit.inventory.Echo;
import dev.certaudit.inventory.IpLiterals;
import dev.certaudit.inventory.ZoneSettings;
import dev.certaudit.metrics.MetricsSettings;
import dev.certaudit.notify.MailSettings;
import dev.certaudit.notify.SubjectTemplate;
import dev.certaudit.probe.FetchSettings;
import dev.certaudit.report.ReportFormat;
import dev.certaudit.report.ReportSettings;

/** Every setting of cert-audit, under {@code cert-audit.*}; secrets come from the environment only. */
@ConfigurationProperties("cert-audit")
@Validated
public record CertAuditProperties(@DefaultValue("reports") @NotNull Path reportsDir, @DefaultValue("") String organisation,
		@DefaultValue @Valid Inventory inventory, @DefaultValue @Valid Fetch fetch,
		@DefaultValue @Valid ThresholdDays thresholds, @DefaultValue @Valid Trust trust,
		@DefaultValue @Valid Discovery discovery, @DefaultValue Zone zone, @DefaultValue @Valid Dns dns,
		@DefaultValue CertFiles certFiles, @DefaultValue Revocation revocation, @DefaultValue Mail mail,
		@DefaultValue Progress progress, @DefaultValue @Valid Reports reports, @DefaultValue Ct ct,
		@DefaultValue @Valid Remote remote, @DefaultValue @Valid Metrics metrics,
		@DefaultValue @Valid Database database, @DefaultValue @Valid Calendar calendar, @DefaultValue Lease lease) {

	/**
	 * @param timeout how long a manager or worker may go without renewing its lease (every quarter of this)
	 * before others take it for gone: a run it owned may be resumed, a partition it ran is given to another
	 * worker
	 */
	public record Lease(@DefaultValue("60s") Duration timeout) {

		public Lease {
			if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException("cert-audit.lease.timeout must be at least 1s, got " + timeout);
			}
		}

	}

	/**
	 * What a run does when its database connection goes away (a failover, a restart of the server): the
	 * connection pool replaces broken connections by itself, and the run, failed at the chunk it was
	 * committing, is resumed from its last committed chunk by the process that ran it.
	 * @param resumeAttempts how often one process resumes its run after losing the connection; 0 leaves
	 * the run to the next {@code audit} or {@code restart}
	 * @param reconnectTimeout how long the process tries to reach the database again before each resume;
	 * after that it stops, and the next {@code audit} or {@code restart} resumes the run
	 */
	public record Database(@DefaultValue("3") @Min(0) @Max(100) int resumeAttempts,
			@DefaultValue("2m") @NotNull Duration reconnectTimeout) {
	}

	public record Inventory(@DefaultValue("fail") BadLinePolicy onBadLine) {
	}

	/**
	 * What shapes the reports of a run this process audits; the run records them, and {@code report}
	 * writes its reports with those rather than these.
	 */
	public ReportSettings reportSettings() {
		return new ReportSettings(this.organisation, this.thresholds.toThresholds(), this.reports.formats(),
				(this.ct.export() != null) ? this.ct.export().toAbsolutePath().normalize().toString() : null,
				(this.calendar.leadDays() != null) ? this.calendar.leadDays() : this.thresholds.warningDays());
	}

	/**
	 * Scale-out: fetchAndAnalyse as partitions of the run's targets, sent over RabbitMQ
	 * ({@code spring.rabbitmq.*}) to worker processes that share the PostgreSQL database.
	 * @param enabled this process partitions fetchAndAnalyse and leaves the partitions to workers ({@code audit --remote})
	 * @param worker this process serves partitions from the queue until stopped (the {@code worker} command)
	 * @param queue the queue partitions travel on; manager and workers of one estate name the same
	 * @param partitions the fewest partitions a run is split into (a run of fewer targets has one per target);
	 * rounded up to a multiple of the partitions the live workers run at once
	 * @param partitionSize the most targets one partition holds: a larger run is split into more partitions,
	 * so workers that take one at a time share the work out to its end
	 * @param partitionsAtOnce partitions one worker runs at the same time, each with the run's concurrency
	 * @param pollInterval how often the manager reads the shared JobRepository for its partitions' state
	 * @param drainTimeout how long a worker told to stop (SIGTERM) may finish the partitions it is running
	 * before it stops anyway, failing them for a {@code restart} to complete
	 * @param stallTimeout how long a partition may go without progress (taken by no worker, or without a
	 * commit) before the manager sends it again once, then fails it
	 * @param readyFile a file a worker keeps while it serves partitions (its consumers registered at the
	 * broker) and removes while it cannot and once told to stop, for a container's readiness probe; none
	 * when unset
	 * @param aliveFile a file a manager or worker writes again every 10 s while it runs, for a container's
	 * liveness probe; none when unset
	 */
	public record Remote(@DefaultValue("false") boolean enabled, @DefaultValue("false") boolean worker,
			@DefaultValue("cert-audit.partitions") @NotEmpty String queue,
			@DefaultValue("8") @Min(1) @Max(100_000) int partitions,
			@DefaultValue("10000") @Min(1) int partitionSize,
			@DefaultValue("2") @Min(1) @Max(64) int partitionsAtOnce,
			@DefaultValue("1s") @NotNull Duration pollInterval, @DefaultValue("5m") @NotNull Duration drainTimeout,
			@DefaultValue("10m") @NotNull Duration stallTimeout, Path readyFile, Path aliveFile) {
	}

	/**
	 * @param concurrency handshakes in flight at once across the run
	 * @param chunkSize fetched targets per transaction: results are committed as this many arrive
	 * @param connectTimeout how long to wait for the TCP connection
	 * @param dialogueTimeout how long a STARTTLS protocol's greeting and dialogue may take in all
	 * @param handshakeTimeout how long the TLS handshake may take in all
	 * @param retries further attempts after a refused, reset or timed-out visit, or one told to try later
	 * (3: four in all)
	 * @param retryBackoff the pause before the first retry, doubled before each next one
	 * @param retryBackoffMax the longest pause between two attempts
	 * @param perAddressConcurrency connections open at once to one IP address, however high the concurrency;
	 * fewer for an address that answers "try later"
	 * @param perAddressGap the least time between the starts of two connections to one IP address
	 * @param maxChainLength the most certificates a server may send and still be judged
	 * @param rsaSecondLook after an ECDSA leaf, visit once more offering only RSA, to see a dual-certificate
	 * server's RSA certificate
	 */
	public record Fetch(@DefaultValue("256") @Min(1) @Max(100_000) int concurrency,
			@DefaultValue("32") @Min(1) @Max(10_000) int chunkSize, @DefaultValue("5s") Duration connectTimeout,
			@DefaultValue("30s") Duration dialogueTimeout, @DefaultValue("10s") Duration handshakeTimeout,
			@DefaultValue("3") @Min(0) @Max(20) int retries,
			@DefaultValue("250ms") @NotNull Duration retryBackoff, @DefaultValue("8s") @NotNull Duration retryBackoffMax,
			@DefaultValue("4") @Min(1) @Max(10_000) int perAddressConcurrency,
			@DefaultValue("0ms") @NotNull Duration perAddressGap,
			@DefaultValue("" + FetchSettings.DEFAULT_MAX_CHAIN_LENGTH) @Min(1) @Max(10_000) int maxChainLength,
			@DefaultValue("true") boolean rsaSecondLook) {

		public Fetch {
			// a socket read timeout of 0 waits for ever, which the deadlines exist to prevent
			requirePositive("cert-audit.fetch.connect-timeout", connectTimeout);
			requirePositive("cert-audit.fetch.dialogue-timeout", dialogueTimeout);
			requirePositive("cert-audit.fetch.handshake-timeout", handshakeTimeout);
		}

		private static void requirePositive(String setting, Duration timeout) {
			if (timeout == null || timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException(setting + " must be positive, got " + timeout);
			}
		}

		public FetchSettings settings() {
			return new FetchSettings(this.connectTimeout, this.dialogueTimeout, this.handshakeTimeout,
					new FetchSettings.Retries(this.retries, this.retryBackoff, this.retryBackoffMax),
					new FetchSettings.Politeness(this.perAddressConcurrency, this.perAddressGap), this.maxChainLength,
					this.rsaSecondLook);
		}

	}

	/**
	 * @param interval how often fetchAndAnalyse logs how far it has come when not on a terminal (on a
	 * terminal one line is redrawn in place instead)
	 */
	public record Progress(@DefaultValue("10s") Duration interval) {

		public Progress {
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("cert-audit.progress.interval must be positive, got " + interval);
			}
		}

	}

	public record ThresholdDays(@DefaultValue("7") @Min(0) int criticalDays, @DefaultValue("30") @Min(0) int warningDays) {

		public ThresholdDays {
			if (warningDays < criticalDays) {
				throw new IllegalArgumentException("cert-audit.thresholds.warning-days (" + warningDays
						+ ") must be at least cert-audit.thresholds.critical-days (" + criticalDays + ")");
			}
		}

		public Thresholds toThresholds() {
			return new Thresholds(this.criticalDays, this.warningDays);
		}

	}

	/** @param prefixFile the service prefixes domains and zone names are expanded with */
	public record Discovery(@DefaultValue("jobs/prefixes.txt") @NotNull Path prefixFile) {
	}

	/**
	 * How much of a zone file ({@code --zone}) is read.
	 * @param allowInclude read the files its {@code $INCLUDE}s name, when below the zone file's folder
	 * @param maxRecords the most records one zone may have, those of its includes and {@code $GENERATE}s too
	 */
	public record Zone(@DefaultValue("false") boolean allowInclude,
			@DefaultValue("" + ZoneSettings.DEFAULT_MAX_RECORDS) int maxRecords) {

		public Zone {
			if (maxRecords < 1) {
				throw new IllegalArgumentException("cert-audit.zone.max-records must be at least 1, got " + maxRecords);
			}
		}

		public ZoneSettings settings() {
			return new ZoneSettings(this.allowInclude, this.maxRecords);
		}

	}

	/**
	 * The resolver discovery asks.
	 * @param servers {@code address[:port]} of DNS servers; empty for the system's resolvers
	 * @param hostsFile read before DNS, as the machine's resolver reads it: a name listed there takes its
	 * addresses from there. Unset for the system's ({@code /etc/hosts}), none when the system has none;
	 * empty for none at all; a file named here must be readable
	 */
	public record Dns(@DefaultValue List<String> servers, @DefaultValue("2s") Duration timeout,
			@DefaultValue("1") @Min(0) @Max(10) int retries, @PathSetting String hostsFile) {

		public DnsSettings settings() {
			return new DnsSettings(this.servers.stream().map(Dns::socketAddress).toList(), this.timeout, this.retries,
					hosts());
		}

		private HostsFile hosts() {
			if (this.hostsFile == null) {
				return HostsFile.system();
			}
			return this.hostsFile.isBlank() ? HostsFile.none() : HostsFile.read(Path.of(this.hostsFile));
		}

		/** {@code 192.0.2.53}, {@code 192.0.2.53:5353}, {@code 2001:db8::53} or {@code [2001:db8::53]:5353}. */
		private static InetSocketAddress socketAddress(String server) {
			String host = server;
			String port = "53";
			if (server.startsWith("[") && server.contains("]")) {
				host = server.substring(1, server.indexOf(']'));
				String rest = server.substring(server.indexOf(']') + 1);
				port = rest.startsWith(":") ? rest.substring(1) : port;
			}
			else if (server.indexOf(':') > 0 && server.indexOf(':') == server.lastIndexOf(':')) {
				host = server.substring(0, server.indexOf(':'));
				port = server.substring(server.indexOf(':') + 1);
			}
			// a literal is required: resolving the resolver's own name would need a resolver
			if (!IpLiterals.isIpLiteral(host) || !port.matches("\\d{1,5}")) {
				throw new IllegalArgumentException(
						"cert-audit.dns.servers takes IP addresses with optional :port, got " + Echo.quote(server));
			}
			return new InetSocketAddress(host, Integer.parseInt(port));
		}

	}

	/**
	 * @param extraStore private CA roots trusted besides the JDK's (PEM/DER bundle, PKCS#12 or JKS)
	 * @param extraStorePassword from the environment ({@code CERT_AUDIT_TRUST_EXTRA_STORE_PASSWORD})
	 * @param extraPem private CA roots trusted besides the JDK's, as PEM text rather than a file: a
	 * container's environment ({@code CERT_AUDIT_TRUST_EXTRA_PEM}, e.g. from a Kubernetes Secret)
	 * @param intermediates a file or folder of intermediate certificates (PEM, DER, PKCS#7) that tells
	 * which certificate a server failed to send; never trusted as roots
	 * @param fetchAia fetch a missing intermediate from the certificate's AIA caIssuers URL, as some
	 * browsers do, to tell whether those clients recover. Off by default: it sends requests to the CAs,
	 * which an audit of an isolated network cannot reach
	 * @param aiaTimeout for the whole download of each caIssuers URL, from connecting to the answer's last
	 * byte, however slowly it comes
	 * @param maxIntermediates the most intermediates a chain may have below its root; the certificates'
	 * own basicConstraints still apply
	 */
	public record Trust(Path extraStore, String extraStorePassword, String extraPem, Path intermediates,
			@DefaultValue("false") boolean fetchAia, @DefaultValue("3s") Duration aiaTimeout,
			@DefaultValue("" + ChainValidator.DEFAULT_MAX_INTERMEDIATES) int maxIntermediates) {

		public Trust {
			if (maxIntermediates < 1) {
				throw new IllegalArgumentException(
						"cert-audit.trust.max-intermediates must be at least 1, got " + maxIntermediates);
			}
			if (extraPem != null && !extraPem.isBlank()) {
				// refused with the other settings, before anything starts
				TrustAnchors.pemRoots(extraPem);
			}
		}

		/**
		 * Validates chains against the JDK's roots, the extra store and the extra PEM roots, looking for
		 * missing intermediates as set.
		 */
		public ChainValidator chainValidator() {
			return new ChainValidator(trustAnchors(), intermediateLookup(), this.maxIntermediates);
		}

		/** The JDK's roots and the extra ones. */
		public TrustAnchors trustAnchors() {
			char[] password = (this.extraStorePassword != null) ? this.extraStorePassword.toCharArray() : null;
			return TrustAnchors.load(this.extraStore, password, this.extraPem);
		}

		public IntermediateLookup intermediateLookup() {
			return new IntermediateLookup(
					(this.intermediates != null) ? IntermediateBundle.read(this.intermediates) : IntermediateBundle.empty(),
					this.fetchAia ? new AiaIssuerFetcher(this.aiaTimeout) : null);
		}

		@Override
		public String toString() {
			return "Trust[extraStore=" + this.extraStore + ", extraStorePassword="
					+ ((this.extraStorePassword != null) ? "(set)" : "(none)") + ", extraPem="
					+ ((this.extraPem != null && !this.extraPem.isBlank()) ? "(set)" : "(none)") + ", intermediates="
					+ this.intermediates
					+ ", fetchAia=" + this.fetchAia + ", aiaTimeout=" + this.aiaTimeout + ", maxIntermediates="
					+ this.maxIntermediates + "]";
		}

	}

	/**
	 * Asking each leaf's issuer, by OCSP or CRL, whether the leaf is revoked. Off by default: it sends a
	 * request per endpoint to the CAs' responders, which an audit of an isolated network cannot reach.
	 * @param timeout for the whole of each request, from connecting to the answer's last byte, per
	 * responder or CRL asked
	 */
	public record Revocation(@DefaultValue("false") boolean enabled, @DefaultValue("5s") Duration timeout) {
	}

	/**
	 * @param formats what each run writes into its report folder: {@code xlsx}, {@code pdf}, {@code csv}
	 * ({@code -endpoints.csv} and {@code -findings.csv}), {@code json}, {@code ics}; all but the calendar
	 * by default
	 */
	public record Reports(@DefaultValue("xlsx,pdf,csv,json") @NotEmpty List<ReportFormat> formats) {
	}

	/**
	 * The renewal calendar ({@code ics} among the report formats).
	 * @param leadDays how many days before a certificate expires its renewal should start, the day its
	 * event is on; unset for the warning threshold's days, when the audit starts to warn
	 */
	public record Calendar(@Min(0) @Max(3650) Integer leadDays) {
	}

	/**
	 * @param export a Certificate Transparency search export (crt.sh JSON) to reconcile each run with:
	 * certificates issued but not deployed, deployed but not logged, names not in the inventory
	 */
	public record Ct(Path export) {
	}

	/**
	 * A completed run's metrics for Prometheus; both ways out are off by default.
	 * @param textfile a file for node_exporter's textfile collector (e.g.
	 * {@code /var/lib/node_exporter/textfile/cert-audit.prom}), replaced atomically after each run
	 * @param pushgateway the Pushgateway's base URL (e.g. {@code http://pushgateway:9091}): each run's
	 * metrics are pushed there, grouped by job and inventories
	 * @param job the job label of the Pushgateway's group
	 * @param pushTimeout the whole push, connecting included
	 */
	public record Metrics(Path textfile, URI pushgateway, @DefaultValue("cert_audit") @NotEmpty String job,
			@DefaultValue("10s") @NotNull Duration pushTimeout) {

		public Metrics {
			if (pushTimeout != null && !pushTimeout.isPositive()) {
				throw new IllegalArgumentException("cert-audit.metrics.push-timeout must be positive, got " + pushTimeout);
			}
		}

		public MetricsSettings settings() {
			return new MetricsSettings(this.textfile, this.pushgateway, this.job, this.pushTimeout);
		}

	}

	/**
	 * @param password opens the PKCS#12 files and encrypted PEM keys of {@code --certs}; from the
	 * environment ({@code CERT_AUDIT_CERT_FILES_PASSWORD}) only, never the command line, where any user
	 * of the machine could read it
	 */
	public record CertFiles(String password) {

		@Override
		public String toString() {
			return "CertFiles[password=" + ((this.password != null) ? "(set)" : "(none)") + "]";
		}

	}

	/**
	 * Mailing the reports once they are written. The SMTP server is Spring Boot's {@code spring.mail.*}
	 * (host, port, username; the password from the environment, {@code SPRING_MAIL_PASSWORD}).
	 * @param subject with placeholders for the run's counts, see {@link SubjectTemplate}
	 * @param onlyOnProblems send nothing when every endpoint is OK and no inventory line was skipped
	 * @param deliveryTimeout how long the whole delivery may take, however slowly the server answers:
	 * {@code spring.mail.properties.mail.smtp.timeout} bounds each read only; the mails to contacts have
	 * as long again, together
	 * @param perOwner also mail each {@code contact=} address of the inventories the endpoints it is named
	 * for that need action, and nothing else
	 */
	public record Mail(@DefaultValue("false") boolean enabled, String from, @DefaultValue List<String> to,
			@DefaultValue List<String> cc,
			@DefaultValue("cert-audit {date}: {problems} of {total} endpoints need action ({expired} expired, {critical} critical, {warning} warning, {error} error)") String subject,
			@DefaultValue("false") boolean onlyOnProblems, @DefaultValue("2m") Duration deliveryTimeout,
			@DefaultValue("false") boolean perOwner) {

		/** Addresses and subject checked only when mail is on: a setting nobody uses must not stop a run. */
		public MailSettings settings() {
			if (!this.enabled) {
				return MailSettings.disabled();
			}
			return new MailSettings(true, (this.from != null) ? address("from", this.from) : null,
					this.to.stream().map((a) -> address("to", a)).toList(),
					this.cc.stream().map((a) -> address("cc", a)).toList(), SubjectTemplate.parse(this.subject),
					this.onlyOnProblems, this.deliveryTimeout, this.perOwner);
		}

		private static InternetAddress address(String setting, String address) {
			try {
				InternetAddress parsed = new InternetAddress(address, true);
				parsed.validate();
				return parsed;
			}
			catch (AddressException ex) {
				throw new IllegalArgumentException(
						"cert-audit.mail." + setting + ": " + Echo.quote(address) + " is not an email address ("
								+ Echo.bounded(String.valueOf(ex.getMessage())) + ")");
			}
		}

	}

}
