package dev.certaudit.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.CertAuditApplication;
import dev.certaudit.analysis.MisbehavingHttpServer;
import dev.certaudit.analysis.Status;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.SourceKind;
import dev.certaudit.probe.PlainTcpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every outage of issue #17 at once, on PostgreSQL: while an audit of a loopback estate runs in a JVM
 * of its own, the database drops its connections, an AIA URL drips its answer, the mail server drips
 * its greeting and the DNS server answers nothing. The process ends within its deadlines, the next
 * {@code audit} completes the run with every target exactly once, and nothing that could not be
 * looked up reads as fine.
 */
@SpringBootTest
class ChaosAuditPostgresTest extends AuditJobTestSupport {

	private static final String APPLICATION = "cert-audit-chaos-test-" + ProcessHandle.current().pid();

	private static final int TARGETS = 16;

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Chaos Root");

	private static final IssuedCertificate LEAF = CertificateGenerator.certificate("CN=*.chaos.test")
		.issuedBy(ROOT)
		.dnsNames("*.chaos.test")
		.build();

	private static final CountDownLatch MAIL_HUNG_UP = new CountDownLatch(1);

	private static final List<AutoCloseable> OUTAGES = new ArrayList<>();

	private static String schema;

	private static LoopbackTlsServer server;

	private static LoopbackTlsServer aiaServer;

	private static MisbehavingHttpServer drippingAia;

	private static PlainTcpServer drippingSmtp;

	/** Bound and never read: every query sent to it goes unanswered. */
	private static DatagramChannel silentDns;

	// started before the context, whose settings name their ports
	static {
		try {
			startOutages();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void startOutages() throws IOException {
		server = LoopbackTlsServer.start(0, LEAF.keyPair().getPrivate(), List.of(LEAF.certificate()),
				Duration.ofMillis(100));
		OUTAGES.add(server);
		drippingAia = MisbehavingHttpServer.dripping();
		OUTAGES.add(drippingAia);
		IssuedCertificate aiaLeaf = CertificateGenerator.certificate("CN=aia.chaos.test")
			.issuedBy(CertificateGenerator.intermediate("CN=Chaos Intermediate", ROOT))
			.dnsNames("aia.chaos.test")
			.caIssuersUrl(drippingAia.url("/issuer.cer"))
			.build();
		aiaServer = LoopbackTlsServer.start(0, aiaLeaf);
		OUTAGES.add(aiaServer);
		drippingSmtp = PlainTcpServer.start(PlainTcpServer.dripsAnSmtpGreeting(MAIL_HUNG_UP));
		OUTAGES.add(drippingSmtp);
		silentDns = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		OUTAGES.add(silentDns);
	}

	@Autowired
	AuditLauncher launcher;

	@AfterAll
	static void endOutages() throws Exception {
		for (AutoCloseable outage : OUTAGES) {
			outage.close();
		}
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		schema = PostgresTestDatabase.register(registry, "cert_audit_chaos_test");
		estateProperties(registry);
		judgementProperties(registry);
		for (Map.Entry<String, String> setting : settings().entrySet()) {
			registry.add(setting.getKey(), setting::getValue);
		}
	}

	/** What both the killed process and the test's own {@code audit} run with. */
	private static Map<String, String> settings() {
		return Map.ofEntries(Map.entry("cert-audit.trust.fetch-aia", "true"), Map.entry("cert-audit.trust.aia-timeout", "1s"),
				Map.entry("cert-audit.dns.servers", "127.0.0.1:" + localPort(silentDns)),
				Map.entry("cert-audit.dns.timeout", "500ms"), Map.entry("cert-audit.dns.retries", "0"),
				Map.entry("spring.mail.host", "127.0.0.1"), Map.entry("spring.mail.port", String.valueOf(drippingSmtp.port())),
				Map.entry("cert-audit.mail.enabled", "true"), Map.entry("cert-audit.mail.from", "cert-audit@example.test"),
				Map.entry("cert-audit.mail.to", "ops@example.test"), Map.entry("cert-audit.mail.delivery-timeout", "2s"),
				Map.entry("cert-audit.database.resume-attempts", "0"));
	}

	@Test
	void auditThroughEveryOutageEndsWithinItsDeadlinesAndTheNextAuditCompletesEachTargetOnce() throws Exception {
		Path hosts = hosts();
		Path domains = Files.writeString(ESTATE.directory().resolve("chaos-domains.txt"), "unresolvable.chaos.test\n");
		Path log = ESTATE.directory().resolve("chaos-child.log");
		Process child = auditInChildJvm(hosts, domains, log);
		long runId;
		try {
			runId = awaitCommittedProbes(child, 4);
			assertThat(DatabaseFailoverPostgresTest.terminateConnections(APPLICATION + "-child")).isPositive();

			// the fetches in flight end within their handshake timeout, the process once it knows the run failed
			assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("the audit ended after its database went away").isTrue();
			assertThat(child.exitValue()).as(Files.readString(log)).isEqualTo(3);
		}
		finally {
			child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}

		RunOutcome resumed = CompletableFuture
			.supplyAsync(() -> this.launcher.audit(List.of(new InventorySource(SourceKind.HOSTS, hosts),
					new InventorySource(SourceKind.DOMAINS, domains)), 4, AuditLauncher.StartMode.RESUME_OR_NEW))
			.get(300, TimeUnit.SECONDS);

		assertThat(resumed.runId()).isEqualTo(runId);
		assertThat(resumed.completed()).as(String.valueOf(resumed.failure())).isTrue();
		long targets = this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_target WHERE run_id = ?", Long.class, runId);
		assertThat(targets).isGreaterThan(TARGETS + 1);
		assertThat(rowsPerTarget("probe_result", runId)).hasSize((int) targets).containsOnly(1L);
		assertThat(rowsPerTarget("assessment", runId)).hasSize((int) targets).containsOnly(1L);
		// the names DNS never answered for are errors, not "not found" and not fine
		assertThat(this.jdbc.queryForList("SELECT a.status FROM audit_target t JOIN assessment a"
				+ " ON a.run_id = t.run_id AND a.target_id = t.target_id WHERE t.run_id = ? AND t.host LIKE ?",
				String.class, runId, "%unresolvable.chaos.test")).isNotEmpty().containsOnly(Status.ERROR.name());
		assertThat(this.jdbc.queryForObject("SELECT f.message FROM finding f JOIN audit_target t"
				+ " ON t.run_id = f.run_id AND t.target_id = f.target_id WHERE f.run_id = ? AND t.host = ?"
				+ " AND f.rule_id = 'CRIT_CHAIN_MISSING_INTERMEDIATE'", String.class, runId, "aia.chaos.test"))
			.endsWith(drippingAia.url("/issuer.cer") + ": no complete answer within 1000 ms");
		assertThat(this.jdbc.queryForList("SELECT status FROM mail_delivery WHERE run_id = ?", String.class, runId))
			.containsExactly("FAILED");
		assertThat(MAIL_HUNG_UP.await(30, TimeUnit.SECONDS)).as("the mail server's connection was closed").isTrue();
	}

	private static Path hosts() throws IOException {
		StringBuilder lines = new StringBuilder();
		for (int i = 1; i <= TARGETS; i++) {
			lines.append("n").append(i).append(".chaos.test:").append(server.port()).append(" address=127.0.0.1\n");
		}
		lines.append("aia.chaos.test:").append(aiaServer.port()).append(" address=127.0.0.1\n");
		return Files.writeString(ESTATE.directory().resolve("chaos-hosts.txt"), lines);
	}

	/** The child's run, once it has committed this many probes. */
	private long awaitCommittedProbes(Process child, int atLeast) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(300);
		while (Instant.now().isBefore(deadline)) {
			assertThat(child.isAlive()).as("the audit's process ended before its database went away").isTrue();
			List<Long> runs = this.jdbc.queryForList("SELECT run_id FROM audit_run ORDER BY run_id DESC", Long.class);
			if (!runs.isEmpty() && rows("probe_result", runs.get(0)) >= atLeast) {
				return runs.get(0);
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the audit committed fewer than " + atLeast + " probes within 300 s");
	}

	/** One fetch at a time, each over 100 ms, so the run is still fetching when its database goes away. */
	private static Process auditInChildJvm(Path hosts, Path domains, Path log) throws IOException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-cp",
				System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", CertAuditApplication.class.getName(),
				"audit", hosts.toString(), "--domains=" + domains, "--new", "--concurrency=1",
				"--cert-audit.fetch.chunk-size=1",
				"--cert-audit.reports-dir=" + REPORTS, "--spring.datasource.url=" + PostgresTestDatabase.url(schema),
				"--spring.datasource.username=postgres", "--spring.flyway.schemas=" + schema,
				"--spring.datasource.hikari.data-source-properties.ApplicationName=" + APPLICATION + "-child"));
		command.addAll(JUDGEMENT);
		settings().forEach((key, value) -> command.add("--" + key + "=" + value));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static int localPort(DatagramChannel channel) {
		try {
			return ((InetSocketAddress) channel.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
