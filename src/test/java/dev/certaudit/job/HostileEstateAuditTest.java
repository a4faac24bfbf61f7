package dev.certaudit.job;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.analysis.MisbehavingHttpServer;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.probe.PlainTcpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An estate of endpoints that misbehave on purpose, audited by the whole job: the run completes
 * within the timeouts, and each endpoint is one row of the workbook that says what went wrong.
 */
@SpringBootTest
class HostileEstateAuditTest extends AuditJobTestSupport {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:hostile-estate;DB_CLOSE_DELAY=-1");
		estateProperties(registry);
		// the dripping server never finishes a handshake: a short deadline is what it is met with
		registry.add("cert-audit.fetch.handshake-timeout", () -> "1s");
		registry.add("cert-audit.trust.fetch-aia", () -> "true");
		registry.add("cert-audit.trust.aia-timeout", () -> "1s");
	}

	@Autowired
	AuditLauncher launcher;

	private final List<AutoCloseable> servers = new ArrayList<>();

	private final Map<String, Integer> ports = new HashMap<>();

	@AfterEach
	void stopServers() throws Exception {
		for (AutoCloseable server : this.servers) {
			server.close();
		}
	}

	@Test
	void everyHostileEndpointEndsAsARowWithItsReasonWithinTheTimeouts() throws Exception {
		plain("silent.test", (socket) -> Thread.sleep(30_000));
		plain("drip.test", PlainTcpServer.DRIPS_A_BYTE_A_SECOND);
		byte[] garbage = new byte[4096];
		new Random(7).nextBytes(garbage);
		garbage[0] = 'Z';
		plain("garbage.test", (socket) -> {
			socket.getOutputStream().write(garbage);
			Thread.sleep(2_000);
		});
		plain("plain-http.test", (socket) -> {
			socket.getInputStream().read(new byte[4096]);
			socket.getOutputStream()
				.write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		});
		plain("reset.test", (socket) -> {
			socket.getInputStream().read(new byte[64]);
			socket.setSoLinger(true, 0);
			socket.close();
		});
		deepChain("deep-chain.test");
		String[] names = new String[3000];
		for (int i = 0; i < names.length; i++) {
			names[i] = "host-" + i + ".very-long-subject-alternative-name.example.test";
		}
		IssuedCertificate huge = CertificateGenerator.certificate("CN=huge.test").dnsNames(names).build();
		MisbehavingHttpServer drippingAia = MisbehavingHttpServer.dripping();
		this.servers.add(drippingAia);
		String aiaUrl = drippingAia.url("/issuer.cer");
		IssuedCertificate aiaLeaf = CertificateGenerator.certificate("CN=aia-drip.test")
			.issuedBy(CertificateGenerator.intermediate("CN=Dripping AIA CA", CertificateGenerator.root("CN=Dripping Root")))
			.dnsNames("aia-drip.test")
			.caIssuersUrl(aiaUrl)
			.build();
		LoopbackTlsServer aiaServer = LoopbackTlsServer.start(0, aiaLeaf);
		this.servers.add(aiaServer);
		this.ports.put("aia-drip.test", aiaServer.port());
		LoopbackTlsServer hugeServer = LoopbackTlsServer.start(0, huge);
		this.servers.add(hugeServer);
		this.ports.put("huge.test", hugeServer.port());
		Path inventory = ESTATE.directory().resolve("hostile.txt");
		StringBuilder lines = new StringBuilder();
		this.ports.forEach((host, port) -> lines.append(host).append(':').append(port).append(" address=127.0.0.1\n"));
		Files.writeString(inventory, lines);
		long started = System.nanoTime();

		RunOutcome outcome = this.launcher.audit(hosts(inventory), 16, AuditLauncher.StartMode.NEW);

		// one attempt of at most the 1 s handshake timeout (and one retry of a reset), for every endpoint at
		// once, and the 1 s AIA timeout for the leaf whose caIssuers URL drips its answer
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		assertThat(outcome.completed()).isTrue();
		Map<String, Map<String, String>> rows = certificateRows(outcome.runId());
		assertThat(rows).containsOnlyKeys(this.ports.keySet());
		rows.forEach((host, row) -> assertThat(row.get("Findings")).as(host).isNotBlank());
		for (String host : List.of("silent.test", "drip.test", "garbage.test", "plain-http.test", "reset.test")) {
			assertThat(rows.get(host)).as(host).containsEntry("Status", "ERROR");
			assertThat(rows.get(host).get("Error")).as(host).isNotBlank();
		}
		assertThat(rows.get("silent.test").get("Findings")).isEqualTo("ERROR_ENDPOINT_UNREACHABLE");
		assertThat(rows.get("drip.test").get("Error")).isEqualTo("TLS handshake did not finish within 1000 ms");
		assertThat(rows.get("plain-http.test").get("Findings")).isEqualTo("CRIT_TLS_HANDSHAKE_FAILED");
		// resets were tried again; stalled handshakes and the answers that would not change were not
		assertThat(rows.get("silent.test")).containsEntry("Attempts", "1");
		assertThat(rows.get("reset.test")).containsEntry("Attempts", "2");
		assertThat(rows.get("garbage.test")).containsEntry("Attempts", "1");
		// a hundred certificates are within cert-audit.fetch.max-chain-length: judged, and its 99 intermediates
		// are far more than any client builds a path through
		assertThat(rows.get("deep-chain.test")).containsEntry("Attempts", "1")
			.containsEntry("Status", "CRITICAL")
			.containsEntry("Findings", "CRIT_CHAIN_UNTRUSTED");
		// the leaf sent without its issuer names a caIssuers URL that sends headers and then a byte at a time
		assertThat(rows.get("aia-drip.test")).containsEntry("Status", "CRITICAL")
			.containsEntry("Findings", "CRIT_CHAIN_MISSING_INTERMEDIATE");
		assertThat(this.jdbc.queryForObject("SELECT f.message FROM finding f JOIN audit_target t"
				+ " ON t.run_id = f.run_id AND t.target_id = f.target_id WHERE t.run_id = ? AND t.host = ?",
				String.class, outcome.runId(), "aia-drip.test"))
			.endsWith("not recoverable: " + aiaUrl + ": no complete answer within 1000 ms");
	}

	private void plain(String host, PlainTcpServer.Behaviour behaviour) throws Exception {
		PlainTcpServer server = PlainTcpServer.start(behaviour);
		this.servers.add(server);
		this.ports.put(host, server.port());
	}

	/** A leaf sent with its 99 intermediates: far past the JDK's limit of 10 certificates. */
	private void deepChain(String host) throws Exception {
		IssuedCertificate issuer = CertificateGenerator.root("CN=Deep Root");
		List<IssuedCertificate> cas = new ArrayList<>();
		for (int i = 0; i < 99; i++) {
			issuer = CertificateGenerator.intermediate("CN=Deep CA " + i, issuer);
			cas.add(0, issuer);
		}
		IssuedCertificate leaf = CertificateGenerator.server(host, issuer, 100);
		List<X509Certificate> chain = new ArrayList<>(List.of(leaf.certificate()));
		cas.forEach((ca) -> chain.add(ca.certificate()));
		LoopbackTlsServer server = LoopbackTlsServer.start(0, leaf.keyPair().getPrivate(), chain);
		this.servers.add(server);
		this.ports.put(host, server.port());
	}

	/** The Certificates sheet: for each host, its cells by column header. */
	private Map<String, Map<String, String>> certificateRows(long runId) throws Exception {
		DataFormatter formatter = new DataFormatter();
		Map<String, Map<String, String>> rows = new HashMap<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				Files.newInputStream(onlyFile(REPORTS.resolve(String.valueOf(runId)), ".xlsx")))) {
			Sheet sheet = workbook.getSheet("Certificates");
			Row header = sheet.getRow(0);
			for (int i = 1; i <= sheet.getLastRowNum(); i++) {
				Map<String, String> cells = new HashMap<>();
				for (int column = 0; column < header.getLastCellNum(); column++) {
					cells.put(header.getCell(column).getStringCellValue(),
							formatter.formatCellValue(sheet.getRow(i).getCell(column)));
				}
				rows.put(cells.get("Host"), cells);
			}
		}
		return rows;
	}

}
