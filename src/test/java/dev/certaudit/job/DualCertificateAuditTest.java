package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.SourceKind;
import dev.certaudit.probe.OpensslServer;
import dev.certaudit.probe.Pem;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server with an ECDSA and an RSA certificate ({@code openssl s_server -cert ... -dcert ...}), as nginx
 * and haproxy serve them: RSA-only clients get the RSA one, which expires first here, and the audit must
 * report it as a row of its own rather than see only what a modern client gets.
 */
@SpringBootTest
class DualCertificateAuditTest extends AuditJobTestSupport {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Dual Test Root");

	private static final IssuedCertificate ECDSA = CertificateGenerator.server("dual.test", ROOT, 200);

	private static final IssuedCertificate RSA = CertificateGenerator.certificate("CN=dual.test")
		.issuedBy(ROOT)
		.dnsNames("dual.test")
		.keyPair(CertificateGenerator.rsaKeyPair(2048))
		.validUntil(Instant.now().plus(Duration.ofDays(2)))
		.build();

	private static final Path FOLDER = createDirectory("cert-audit-dual");

	private static final Path TRUST = FOLDER.resolve("trust.pem");

	@Autowired
	AuditLauncher launcher;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:dual-certificates;DB_CLOSE_DELAY=-1");
		registry.add("cert-audit.reports-dir", REPORTS::toString);
		registry.add("cert-audit.trust.extra-store", TRUST::toString);
	}

	@BeforeAll
	static void trustTheRoot() throws IOException {
		Files.writeString(TRUST, Pem.encode(ROOT.certificate()));
	}

	@Test
	void rsaCertificateOfADualCertificateServerIsARowOfItsOwn() throws Exception {
		List<String> args = List.of("-cert", OpensslServer.pem(FOLDER.resolve("ecdsa.pem"), ECDSA.certificate()).toString(),
				"-key", OpensslServer.key(FOLDER.resolve("ecdsa.key"), ECDSA).toString(), "-dcert",
				OpensslServer.pem(FOLDER.resolve("rsa.pem"), RSA.certificate()).toString(), "-dkey",
				OpensslServer.key(FOLDER.resolve("rsa.key"), RSA).toString());
		try (OpensslServer server = OpensslServer.start(args)) {
			Path hosts = Files.writeString(FOLDER.resolve("hosts.txt"),
					"dual.test:" + server.port() + " address=127.0.0.1 owner=web-team\n");

			RunOutcome outcome = this.launcher.audit(List.of(new InventorySource(SourceKind.HOSTS, hosts)), 4,
					AuditLauncher.StartMode.NEW);

			assertThat(outcome.completed()).isTrue();
			List<Map<String, Object>> rows = this.jdbc.queryForList("SELECT t.labels, a.status, a.sha256, a.days_left,"
					+ " p.tls_protocol FROM audit_target t"
					+ " JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id"
					+ " JOIN probe_result p ON p.run_id = t.run_id AND p.target_id = t.target_id"
					+ " WHERE t.run_id = ? ORDER BY t.target_id", outcome.runId());
			assertThat(rows).hasSize(2);
			assertThat(rows.get(0)).containsEntry("LABELS", "owner=web-team").containsEntry("STATUS", "OK")
				.containsEntry("TLS_PROTOCOL", "TLSv1.3");
			assertThat(rows.get(1)).containsEntry("LABELS", "certificate=RSA owner=web-team")
				.containsEntry("STATUS", "CRITICAL")
				.containsEntry("DAYS_LEFT", 1)
				// the second look is an old client's visit
				.containsEntry("TLS_PROTOCOL", "TLSv1.2");
			// the other certificate is no second backend: nothing differs between addresses
			assertThat(this.jdbc.queryForList("SELECT rule_id FROM finding WHERE run_id = ?", String.class,
					outcome.runId()))
				.containsExactly("CRIT_CERT_EXPIRING");
		}
	}

}
