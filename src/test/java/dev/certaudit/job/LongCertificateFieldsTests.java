package dev.certaudit.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.SourceKind;
import dev.certaudit.probe.OpensslServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever controls one audited name chooses what its certificate says: a subject of thousands of
 * characters and a SAN list of tens of thousands are stored cut short with a mark, and the run goes on.
 * Each subclass runs it on one database, since each enforces the column limits its own way.
 */
abstract class LongCertificateFieldsTests extends AuditJobTestSupport {

	private static final String HOST = "long.test";

	private static final Path FOLDER = createDirectory("cert-audit-long");

	@Autowired
	AuditLauncher launcher;

	@Test
	void overlongSubjectAndSubjectAltNamesAreStoredCutShortAndTheRunCompletes() throws Exception {
		String[] names = IntStream.range(0, 1200)
			.mapToObj((i) -> "host-" + i + ".a-rather-long-label.long.test")
			.toArray(String[]::new);
		IssuedCertificate leaf = CertificateGenerator.certificate("CN=" + HOST + ",O=" + "x".repeat(2500))
			.dnsNames(names)
			.build();
		List<String> args = List.of("-cert", OpensslServer.pem(FOLDER.resolve("long.pem"), leaf.certificate()).toString(),
				"-key", OpensslServer.key(FOLDER.resolve("long.key"), leaf).toString());
		try (OpensslServer server = OpensslServer.start(args)) {
			Path hosts = Files.writeString(FOLDER.resolve("hosts.txt"),
					HOST + ":" + server.port() + " address=127.0.0.1 note=" + "y".repeat(2100) + "\n");

			RunOutcome outcome = this.launcher.audit(List.of(new InventorySource(SourceKind.HOSTS, hosts)), 4,
					AuditLauncher.StartMode.NEW);

			assertThat(outcome.completed()).as(String.valueOf(outcome.failure())).isTrue();
			Map<String, Object> stored = this.jdbc.queryForMap("SELECT a.subject, a.subject_alt_names, t.labels"
					+ " FROM assessment a JOIN audit_target t ON t.run_id = a.run_id AND t.target_id = a.target_id"
					+ " WHERE a.run_id = ?", outcome.runId());
			assertThat((String) stored.get("SUBJECT")).hasSize(2000).endsWith("…");
			assertThat((String) stored.get("SUBJECT_ALT_NAMES")).hasSize(20000).startsWith(names[0]).endsWith("…");
			assertThat((String) stored.get("LABELS")).hasSize(2000).endsWith("…");
		}
	}

}
