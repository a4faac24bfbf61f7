package dev.certaudit.delivery;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Status;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.history.RecordedRuns;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.job.AuditLauncher;
import dev.certaudit.job.AuditRefusedException;
import dev.certaudit.job.RunOutcome;
import dev.certaudit.probe.Pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After a renewal is installed from what check-delivery wrote, {@code audit --only-places-of} audits
 * exactly the places that served the old certificate, and each now serves the new one.
 */
@SpringBootTest
@Import(RecordedRuns.class)
class PlacesReauditTest {

	private static final String PASSWORD = "reaudit password 5";

	private static final Deliveries DELIVERIES = new Deliveries();

	private static final String[] NAMES = { "www.renewal.test", "owa.renewal.test", "mail.renewal.test",
			"gateway.renewal.test" };

	private static final IssuedCertificate OLD = DELIVERIES.certificate(10, NAMES);

	private static final IssuedCertificate NEW = DELIVERIES.certificate(NAMES);

	private static final IssuedCertificate SHOP = DELIVERIES.certificate("shop.renewal.test");

	private static final Path DIRECTORY = DeliveryChecks.temporaryDirectory();

	@Autowired
	RecordedRuns runs;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DeliveryCheck check;

	@Autowired
	PlacesInventory placesInventory;

	@Autowired
	AuditLauncher launcher;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		Path trust = Files.writeString(DIRECTORY.resolve("trust.pem"), Pem.encode(DELIVERIES.root.certificate()));
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:places-reaudit;DB_CLOSE_DELAY=-1");
		registry.add("cert-audit.trust.extra-store", trust::toString);
		registry.add("cert-audit.reports-dir", () -> DIRECTORY.resolve("reports").toString());
		registry.add("cert-audit.cert-files.password", () -> PASSWORD);
		registry.add("cert-audit.fetch.connect-timeout", () -> "5s");
		registry.add("cert-audit.fetch.handshake-timeout", () -> "10s");
		registry.add("cert-audit.fetch.retries", () -> "1");
	}

	@Test
	void installedRenewalIsServedAtExactlyThePlacesOfTheOldCertificate() throws Exception {
		Path zip = Deliveries.zip(DIRECTORY.resolve("renewal.zip"),
				DELIVERIES.portalDownload(NEW, NEW.keyPair().getPrivate()), 11);
		assertThat(check(zip)).endsWith("ready: there is no completed run to find the places of the certificate it replaces\n");
		// installed from the files written: the chain file, and the key from the PKCS#12
		Path written = DeliveryChecks.written(DIRECTORY.resolve("reports"), NEW);
		KeyStore p12 = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(written.resolve(InstallationFiles.PKCS12))) {
			p12.load(in, PASSWORD.toCharArray());
		}
		PrivateKey key = (PrivateKey) p12.getKey(p12.aliases().nextElement(), PASSWORD.toCharArray());
		List<X509Certificate> chain = Pem.chain(Files.readString(written.resolve(InstallationFiles.CHAIN)));
		List<LoopbackTlsServer> servers = new ArrayList<>();
		try {
			for (int place = 0; place < 4; place++) {
				servers.add(LoopbackTlsServer.start(0, key, chain));
			}
			// what the audit before the installation found there: the old certificate at the four places,
			// and the shop's, which is not the one renewed
			RecordedPlaces recorded = new RecordedPlaces(this.runs, this.jobRepository, "hosts:/srv/hosts.txt");
			for (int place = 0; place < 4; place++) {
				recorded.serving(OLD, NAMES[place], servers.get(place).port(), "TLS", "127.0.0.1", "owner=team" + place);
			}
			recorded.serving(SHOP, "shop.renewal.test", 1, "TLS", "127.0.0.1", "owner=shop").ended(BatchStatus.COMPLETED);
			assertThat(check(zip)).endsWith("ready: covers all 4 places of the old certificate\n");

			List<InventorySource> places = this.placesInventory.inventories(Certificates.sha256(OLD.certificate()),
					new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
			RunOutcome outcome = this.launcher.audit(places, 4, AuditLauncher.StartMode.RESUME_OR_NEW);

			assertThat(outcome.completed()).isTrue();
			Map<String, String> servedByPlace = new HashMap<>();
			this.jdbc.query("SELECT t.host, t.port, t.address, t.labels, a.status, a.sha256 FROM audit_target t"
					+ " JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id WHERE t.run_id = ?",
					(rs) -> {
						servedByPlace.put(rs.getString("host") + ":" + rs.getInt("port") + " " + rs.getString("address")
								+ " " + rs.getString("labels"), rs.getString("status") + " " + rs.getString("sha256"));
					}, outcome.runId());
			Map<String, String> expected = new HashMap<>();
			for (int place = 0; place < 4; place++) {
				expected.put(NAMES[place] + ":" + servers.get(place).port() + " 127.0.0.1 owner=team" + place,
						Status.OK + " " + Certificates.sha256(NEW.certificate()));
			}
			assertThat(servedByPlace).isEqualTo(expected);

			assertThatThrownBy(() -> this.placesInventory.inventories("ab".repeat(32),
					new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
				.isInstanceOf(AuditRefusedException.class)
				.hasMessage("no completed run found the certificate " + "ab".repeat(32) + " served");
		}
		finally {
			servers.forEach(LoopbackTlsServer::close);
		}
	}

	private String check(Path delivery) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(this.check.check(delivery, null, null, new PrintStream(out, true, StandardCharsets.UTF_8), Instant.now()))
			.isEqualTo(DeliveryVerdict.READY);
		return out.toString(StandardCharsets.UTF_8);
	}

}
