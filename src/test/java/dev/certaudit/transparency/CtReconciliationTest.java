package dev.certaudit.transparency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.certaudit.analysis.Status;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RecordedRuns;
import dev.certaudit.transparency.CtDiscrepancy.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/** A generated crt.sh export reconciled with a run's rows on H2. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:ct-reconciliation;DB_CLOSE_DELAY=-1")
@Import(RecordedRuns.class)
class CtReconciliationTest {

	private static final IssuedCertificate CA = CertificateGenerator.root("CN=Public CA");

	@Autowired
	RecordedRuns runs;

	@Autowired
	DataSource dataSource;

	@TempDir
	Path dir;

	@Test
	void exportIsReconciledWithWhatTheRunFoundKindAfterKind() throws IOException {
		AuditRun run = this.runs.newRun("hosts:/etc/cert-audit/hosts.txt");
		Instant now = run.createdAt();
		X509Certificate shop = leaf("shop.example.test", false);
		X509Certificate api = leaf("api.example.test", true);
		X509Certificate intranet = leaf("intranet.example.test", false);
		X509Certificate spare = leaf("spare.example.test", true);
		endpoint(run, 1, "shop.example.test", 443, "TLS", shop);
		endpoint(run, 2, "api.example.test", 443, "TLS", api);
		endpoint(run, 3, "api.example.test", 8443, "TLS", api);
		endpoint(run, 4, "intranet.example.test", 443, "TLS", intranet);
		endpoint(run, 5, "/etc/ssl/spare.pem", 0, "FILE", spare);
		this.runs.notFoundInDns(run, "forgotten.example.test");
		Path export = this.dir.resolve("crt.sh.json");
		Files.writeString(export, "[" + String.join(",",
				entry(1, serial(shop), "shop.example.test", now.plus(Duration.ofDays(90))),
				entry(2, serial(shop), "shop.example.test", now.plus(Duration.ofDays(90))),
				entry(3, "00" + serial(spare).toUpperCase(Locale.ROOT), "spare.example.test", now.plus(Duration.ofDays(30))),
				entry(4, "0abc", "old.example.test", now.minus(Duration.ofDays(1))),
				entry(5, "0def", "forgotten.example.test\\n*.example.test\\nhostmaster@example.test", now.plus(Duration.ofDays(60))))
				+ "]");

		List<CtDiscrepancy> differences = new ArrayList<>();
		CtReconciliation reconciliation = new CtReconciliation(this.dataSource, export);
		reconciliation.reconcile(run.runId(), now, differences::add);
		List<CtDiscrepancy> again = new ArrayList<>();
		reconciliation.reconcile(run.runId(), now, again::add);

		assertThat(differences).extracting(CtDiscrepancy::kind, CtDiscrepancy::serialNumber, CtDiscrepancy::names,
				CtDiscrepancy::ctId, CtDiscrepancy::detail)
			.containsExactly(tuple(Kind.ISSUED_NOT_DEPLOYED, serial(spare), "spare.example.test", 3L, null),
					tuple(Kind.ISSUED_NOT_DEPLOYED, "def", "forgotten.example.test, *.example.test, hostmaster@example.test",
							5L, null),
					tuple(Kind.DEPLOYED_NOT_IN_EXPORT, serial(api), "api.example.test", null,
							"api.example.test:443 and 1 more"),
					tuple(Kind.NAME_NOT_IN_INVENTORY, null, "forgotten.example.test", null, "looked up in DNS: not found"),
					tuple(Kind.NAME_NOT_IN_INVENTORY, null, "spare.example.test", null, "not looked up"));
		assertThat(differences.getFirst().notAfter()).isEqualTo(now.plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS));
		assertThat(again).as("a redone report step imports the export afresh").isEqualTo(differences);
	}

	private static org.assertj.core.groups.Tuple tuple(Object... values) {
		return org.assertj.core.groups.Tuple.tuple(values);
	}

	private static X509Certificate leaf(String name, boolean logged) {
		CertificateGenerator leaf = CertificateGenerator.certificate("CN=" + name).issuedBy(CA).dnsNames(name);
		if (logged) {
			leaf.embeddedScts();
		}
		return leaf.build().certificate();
	}

	private static String serial(X509Certificate certificate) {
		return certificate.getSerialNumber().toString(16);
	}

	/** As crt.sh writes it: UTC without a zone, names newline-separated. */
	private static String entry(long id, String serial, String names, Instant notAfter) {
		LocalDateTime until = LocalDateTime.ofInstant(notAfter.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
		return """
				{"issuer_name":"C=US, O=Example, CN=Public CA","common_name":"%s","name_value":"%s","id":%d,
				 "not_before":"%s","not_after":"%s","serial_number":"%s"}""".formatted(names.split("\\\\n")[0], names,
				id, until.minusDays(90), until, serial);
	}

	private void endpoint(AuditRun run, long targetId, String host, int port, String protocol,
			X509Certificate certificate) {
		this.runs.endpoint(run, targetId, host, port)
			.protocol(protocol)
			.presenting(certificate)
			.assessed(Status.OK)
			.naming(certificate.getSubjectX500Principal().getName(), host.startsWith("/") ? "spare.example.test" : host,
					certificate.getNotAfter().toInstant())
			.identifiedBy(serial(certificate), "%064x".formatted(certificate.getSerialNumber()))
			.save();
	}

}
