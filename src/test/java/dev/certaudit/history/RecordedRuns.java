package dev.certaudit.history;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.certaudit.analysis.RuleId;
import dev.certaudit.analysis.Status;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.probe.Pem;

/**
 * Runs written straight into the project's tables, row by row as the job's steps leave them, for the
 * tests of what reads them back; add it to a test's context with {@code @Import(RecordedRuns.class)}.
 * Every run is created here, so a change to how runs are stored is made once for all those tests.
 */
public final class RecordedRuns {

	private final RunStore store;

	private final JdbcTemplate jdbc;

	public RecordedRuns(RunStore store, JdbcTemplate jdbc) {
		this.store = store;
		this.jdbc = jdbc;
	}

	/** A run of {@code inventories} owned by this process, as {@code audit} starts one. */
	public AuditRun newRun(String... inventories) {
		return this.store.createRun(List.of(inventories), "test", ProcessHandle.current().pid(), null);
	}

	/** {@code name} looked up in DNS during {@code run} and not found, as discovery records it. */
	public void notFoundInDns(AuditRun run, String name) {
		this.jdbc.update("INSERT INTO discovered_name (run_id, name, outcome, cname_chain, addresses)"
				+ " VALUES (?, ?, ?, '', '')", run.runId(), name, NameResolution.Outcome.NOT_FOUND.name());
	}

	/**
	 * A TLS target of {@code run} from {@code hosts.txt:1}, without labels, an address override, a probe or
	 * an assessment until they are given; written by {@link Endpoint#save()}.
	 */
	public Endpoint endpoint(AuditRun run, long targetId, String host, int port) {
		return new Endpoint(run, targetId, host, port);
	}

	/** One target's rows: the target always, its probe once fetched, its assessment once assessed. */
	public final class Endpoint {

		private final AuditRun run;

		private final long targetId;

		private final String host;

		private final int port;

		private String protocol = "TLS";

		private String addressOverride;

		private String labels = "";

		private boolean fetched;

		private String fetchedFrom;

		private String chainPem;

		private Status status;

		private Instant notAfter;

		private Integer daysLeft;

		private String subject;

		private String subjectAltNames;

		private String serialNumber;

		private String sha256;

		private final List<String> ruleIds = new ArrayList<>();

		private Endpoint(AuditRun run, long targetId, String host, int port) {
			this.run = run;
			this.targetId = targetId;
			this.host = host;
			this.port = port;
		}

		public Endpoint protocol(String protocol) {
			this.protocol = protocol;
			return this;
		}

		/** The inventory's {@code address=}, which pins the host to one address. */
		public Endpoint addressOverride(String address) {
			this.addressOverride = address;
			return this;
		}

		/** As the inventory writes them: {@code owner=web,env=prod}. */
		public Endpoint labels(String labels) {
			this.labels = labels;
			return this;
		}

		/** Fetched at the run's start from {@code address}. */
		public Endpoint fetchedFrom(String address) {
			this.fetched = true;
			this.fetchedFrom = address;
			return this;
		}

		/** Fetched at the run's start, the server presenting {@code certificate} alone. */
		public Endpoint presenting(X509Certificate certificate) {
			this.fetched = true;
			this.chainPem = Pem.encode(certificate);
			return this;
		}

		/** Judged {@code status}, ranked as the reports order it. */
		public Endpoint assessed(Status status) {
			this.status = status;
			return this;
		}

		/** Whom the served certificate names, and until when it is valid. */
		public Endpoint naming(String subject, String subjectAltNames, Instant notAfter) {
			this.subject = subject;
			this.subjectAltNames = subjectAltNames;
			this.notAfter = notAfter;
			return this;
		}

		/** Days from the run's start to the certificate's expiry, as the analysis counts them. */
		public Endpoint daysLeft(int days) {
			this.daysLeft = days;
			return this;
		}

		/** A finding of the rule, in the order given, with a message and remediation that say which it is. */
		public Endpoint finding(String ruleId) {
			this.ruleIds.add(ruleId);
			return this;
		}

		/** What tells the served certificate from others: its serial number and its SHA-256 fingerprint. */
		public Endpoint identifiedBy(String serialNumber, String sha256) {
			this.serialNumber = serialNumber;
			this.sha256 = sha256;
			return this;
		}

		public void save() {
			long runId = this.run.runId();
			RecordedRuns.this.jdbc.update(
					"INSERT INTO audit_target (run_id, target_id, host, port, protocol, address, labels, origin)"
							+ " VALUES (?, ?, ?, ?, ?, ?, ?, 'hosts.txt:1')",
					runId, this.targetId, this.host, this.port, this.protocol, this.addressOverride, this.labels);
			if (this.fetched) {
				RecordedRuns.this.jdbc.update(
						"INSERT INTO probe_result (run_id, target_id, address, outcome, chain_pem, fetched_at, duration_ms)"
								+ " VALUES (?, ?, ?, 'FETCHED', ?, ?, 5)",
						runId, this.targetId, this.fetchedFrom, this.chainPem, utc(this.run.createdAt()));
			}
			if (this.status != null) {
				RecordedRuns.this.jdbc.update("INSERT INTO assessment (run_id, target_id, status, status_rank, days_left,"
						+ " not_after, subject, subject_alt_names, serial_number, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
						runId, this.targetId, this.status.name(), this.status.ordinal(), this.daysLeft, utc(this.notAfter),
						this.subject, this.subjectAltNames, this.serialNumber, this.sha256);
			}
			for (int ordinal = 0; ordinal < this.ruleIds.size(); ordinal++) {
				String ruleId = this.ruleIds.get(ordinal);
				RecordedRuns.this.jdbc.update("INSERT INTO finding (run_id, target_id, ordinal, rule_id, severity, message,"
						+ " remediation) VALUES (?, ?, ?, ?, ?, ?, ?)", runId, this.targetId, ordinal, ruleId,
						new RuleId(ruleId).severity().name(), ruleId + " matched", "fix " + ruleId);
			}
		}

		private static OffsetDateTime utc(Instant instant) {
			return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
		}

	}

}
