package dev.certaudit.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.SourceKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Discovery end to end on loopback: domains and a zone file expanded with the prefixes, every name
 * resolved through the estate's hosts file or the in-process DNS server, every address probed, STARTTLS
 * services reached, and a name whose two backends serve different certificates reported as inconsistent.
 */
@SpringBootTest
class DiscoveryJobTest {

	static final DiscoveryEstate ESTATE = DiscoveryEstate.start();

	static final Path REPORTS = AuditJobTestSupport.createDirectory("cert-audit-discovery-reports");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:discovery;DB_CLOSE_DELAY=-1");
		registry.add("cert-audit.dns.servers", () -> "127.0.0.1:" + ESTATE.dns.port());
		registry.add("cert-audit.dns.timeout", () -> "1s");
		registry.add("cert-audit.dns.hosts-file", ESTATE.hostsFile::toString);
		registry.add("cert-audit.discovery.prefix-file", ESTATE.prefixFile::toString);
		registry.add("cert-audit.trust.extra-store", ESTATE.caFile::toString);
		registry.add("cert-audit.reports-dir", REPORTS::toString);
		registry.add("cert-audit.fetch.connect-timeout", () -> "1s");
		registry.add("cert-audit.fetch.handshake-timeout", () -> "2s");
	}

	@Autowired
	AuditLauncher launcher;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void domainIsExpandedResolvedAndEveryAddressAndServiceProbed() throws Exception {
		Path domains = ESTATE.write("domains.txt", "# our domains\n" + DiscoveryEstate.DOMAIN + " owner=it-ops\n");
		Path hosts = ESTATE.write("hosts.txt", "gone.example.test:443 owner=web\n");

		RunOutcome outcome = this.launcher.audit(List.of(new InventorySource(SourceKind.HOSTS, hosts),
				new InventorySource(SourceKind.DOMAINS, domains)), 16, AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).as(String.valueOf(outcome.failure())).isTrue();
		long run = outcome.runId();
		assertThat(discovery(run)).containsEntry("portal.example.test", "FOUND 127.0.0.1 ::1 |")
			.containsEntry("app.example.test", "FOUND 127.0.0.1 127.0.0.2 |")
			.containsEntry("shop.example.test", "FOUND 127.0.0.1 | shop.example.test shops.saas.test")
			.containsEntry("vpn.example.test", "NOT_FOUND  |")
			.containsEntry("example.test", "NOT_FOUND  |")
			.containsEntry("gone.example.test", "NOT_FOUND  |");
		assertThat(statuses(run)).containsEntry("portal.example.test:" + ESTATE.portal.port() + " TLS 127.0.0.1", "OK")
			.containsEntry("portal.example.test:" + ESTATE.portal.port() + " TLS ::1", "OK")
			.containsEntry("app.example.test:" + ESTATE.appPort + " TLS 127.0.0.1", "WARNING")
			.containsEntry("app.example.test:" + ESTATE.appPort + " TLS 127.0.0.2", "CRITICAL")
			.containsKeys("shop.example.test:" + portOf("shop") + " TLS 127.0.0.1")
			.containsEntry("gone.example.test:443 TLS null", "ERROR");
		assertThat(this.jdbc.queryForList("SELECT DISTINCT address FROM probe_result WHERE run_id = ? AND address LIKE '%:%'",
				String.class, run)).containsExactly("::1");
		assertThat(statusesOf(run, "mail.example.test")).containsOnly("OK").hasSize(3);
		assertThat(protocolsOf(run, "mail.example.test")).containsExactly("IMAP", "POP3", "SMTP");
		assertThat(statusesOf(run, "files.example.test")).containsExactly("OK");
		assertThat(statusesOf(run, "dc1.example.test")).containsExactly("OK");
		assertThat(statusesOf(run, "shop.example.test")).containsExactly("OK");
		assertThat(rulesOf(run, "relay.example.test")).containsExactly("CRIT_TLS_HANDSHAKE_FAILED");
		assertThat(rulesOf(run, "app.example.test")).containsExactly("CRIT_CERT_EXPIRING",
				"WARN_CERT_DIFFERS_BETWEEN_ADDRESSES");
		assertThat(this.jdbc.queryForList("SELECT COUNT(*) FROM finding f JOIN audit_target t ON t.run_id = f.run_id"
				+ " AND t.target_id = f.target_id WHERE f.run_id = ? AND f.rule_id = 'WARN_CERT_DIFFERS_BETWEEN_ADDRESSES'",
				Long.class, run)).containsExactly(2L);
		// the backends behind one name are asked for the name itself
		assertThat(ESTATE.portal.requestedServerNames()).contains(List.of("portal.example.test"));

		Path reports = REPORTS.resolve(String.valueOf(run));
		try (XSSFWorkbook workbook = new XSSFWorkbook(
				Files.newInputStream(AuditJobTestSupport.onlyFile(reports, ".xlsx")))) {
			assertThat(workbook.getSheet("Discovery").getLastRowNum()).isEqualTo(discovery(run).size());
		}
		assertThat(AuditJobTestSupport.pdfText(AuditJobTestSupport.onlyFile(reports, ".pdf")))
			.contains("Discovery: " + discovery(run).size() + " names looked up in DNS", " ::1 ")
			.doesNotContain("0:0:0:0:0:0:0:1");
		// RFC 5952's form, as people write IPv6 addresses, in every report
		assertThat(Files.readString(AuditJobTestSupport.onlyFile(reports, "-endpoints.csv")))
			.contains(",TLS,::1,")
			.doesNotContain("0:0:0:0:0:0:0:1");
	}

	@Test
	void nameOnlyTheHostsFileKnowsIsAuditedAtTheAddressListedThere() throws Exception {
		Path hosts = ESTATE.write("intranet-hosts.txt",
				"intranet.example.test:" + ESTATE.intranet.port() + " owner=it-ops\n");

		RunOutcome outcome = this.launcher.audit(List.of(new InventorySource(SourceKind.HOSTS, hosts)), 4,
				AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).as(String.valueOf(outcome.failure())).isTrue();
		long run = outcome.runId();
		assertThat(this.jdbc.queryForMap("SELECT outcome, address_source, addresses FROM discovered_name"
				+ " WHERE run_id = ? AND name = 'intranet.example.test'", run))
			.containsEntry("OUTCOME", "FOUND")
			.containsEntry("ADDRESS_SOURCE", "HOSTS_FILE")
			.containsEntry("ADDRESSES", "127.0.0.1");
		assertThat(statuses(run)).containsExactly(
				Map.entry("intranet.example.test:" + ESTATE.intranet.port() + " TLS 127.0.0.1", "OK"));
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(
				AuditJobTestSupport.onlyFile(REPORTS.resolve(String.valueOf(run)), ".xlsx")))) {
			Row row = workbook.getSheet("Discovery").getRow(1);
			assertThat(List.of(row.getCell(0).getStringCellValue(), row.getCell(2).getStringCellValue()))
				.containsExactly("intranet.example.test", "HOSTS_FILE");
		}
	}

	@Test
	void nameWhoseAaaaLookupIsRefusedIsAuditedAtItsIpv4AddressAndWarned() throws Exception {
		Path hosts = ESTATE.write("branch-hosts.txt", "legacy.branch.test:" + ESTATE.legacy.port() + " owner=branch\n");

		RunOutcome outcome = this.launcher.audit(List.of(new InventorySource(SourceKind.HOSTS, hosts)), 4,
				AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).as(String.valueOf(outcome.failure())).isTrue();
		long run = outcome.runId();
		assertThat(this.jdbc.queryForMap("SELECT outcome, address_source, addresses, detail FROM discovered_name"
				+ " WHERE run_id = ? AND name = 'legacy.branch.test'", run))
			.containsEntry("OUTCOME", "FOUND")
			.containsEntry("ADDRESS_SOURCE", "DNS")
			.containsEntry("ADDRESSES", "127.0.0.1")
			.containsEntry("DETAIL", "AAAA lookup failed: REFUSED");
		assertThat(statuses(run)).containsExactly(
				Map.entry("legacy.branch.test:" + ESTATE.legacy.port() + " TLS 127.0.0.1", "WARNING"));
		assertThat(this.jdbc.queryForList("SELECT rule_id || ' ' || message FROM finding WHERE run_id = ?", String.class,
				run))
			.containsExactly("WARN_DNS_ANSWER_INCOMPLETE legacy.branch.test: AAAA lookup failed: REFUSED;"
					+ " only the addresses DNS gave for the other family were audited");
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(
				AuditJobTestSupport.onlyFile(REPORTS.resolve(String.valueOf(run)), ".xlsx")))) {
			Row row = workbook.getSheet("Discovery").getRow(1);
			assertThat(List.of(row.getCell(0).getStringCellValue(), row.getCell(5).getStringCellValue()))
				.containsExactly("legacy.branch.test", "AAAA lookup failed: REFUSED");
		}
	}

	@Test
	void zoneFileNamesAreAuditedOnEveryAddressAndWildcardsLeftOut() {
		RunOutcome outcome = this.launcher.audit(List.of(new InventorySource(SourceKind.ZONE, ESTATE.zoneFile)), 16,
				AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).as(String.valueOf(outcome.failure())).isTrue();
		assertThat(discovery(outcome.runId()).keySet()).containsExactlyInAnyOrder("portal.example.test",
				"app.example.test", "shop.example.test", "mail.example.test", "files.example.test", "dc1.example.test",
				"relay.example.test");
		assertThat(statusesOf(outcome.runId(), "portal.example.test")).containsExactly("OK", "OK");
		assertThat(statusesOf(outcome.runId(), "shop.example.test")).containsExactly("OK");
		assertThat(rulesOf(outcome.runId(), "app.example.test")).contains("WARN_CERT_DIFFERS_BETWEEN_ADDRESSES");
	}

	@Test
	void malformedZoneFileIsRefusedWithFileAndLineBeforeARunIsCreated() throws Exception {
		Path zone = ESTATE.write("broken.test.zone", "$TTL 300\n@ IN SOA ns hostmaster 1 3600 600 86400 300\nwww IN A 300.1.2.3\n");

		assertThatExceptionOfType(AuditRefusedException.class)
			.isThrownBy(() -> this.launcher.audit(List.of(new InventorySource(SourceKind.ZONE, zone)), 4,
					AuditLauncher.StartMode.NEW))
			.withMessage(zone + ":3: Invalid address: 300.1.2.3");
	}

	@Test
	void malformedDomainLineFailsTheRunWithFileAndLine() throws Exception {
		Path domains = ESTATE.write("bad-domains.txt", "example.test\nhttps://example.org/\n");

		RunOutcome outcome = this.launcher.audit(List.of(new InventorySource(SourceKind.DOMAINS, domains)), 4,
				AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).isFalse();
		assertThat(outcome.failure()).isEqualTo(
				domains + ":2: 'https://example.org/' is not a domain name (expected e.g. example.com)");
	}

	private int portOf(String prefix) throws Exception {
		return Files.readAllLines(ESTATE.prefixFile)
			.stream()
			.filter((line) -> line.startsWith(prefix + " "))
			.map((line) -> Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)))
			.findFirst()
			.orElseThrow();
	}

	/** Name to "OUTCOME addresses | cname chain". */
	private Map<String, String> discovery(long run) {
		Map<String, String> names = new HashMap<>();
		this.jdbc.query("SELECT * FROM discovered_name WHERE run_id = ?", (ResultSet rs) -> {
			names.put(rs.getString("name"), rs.getString("outcome") + " " + rs.getString("addresses") + " | "
					+ rs.getString("cname_chain"));
		}, run);
		names.replaceAll((name, value) -> value.strip());
		return names;
	}

	/** "host:port PROTOCOL address" to status. */
	private Map<String, String> statuses(long run) {
		Map<String, String> statuses = new HashMap<>();
		this.jdbc.query("SELECT t.host, t.port, t.protocol, t.address, a.status FROM audit_target t JOIN assessment a"
				+ " ON a.run_id = t.run_id AND a.target_id = t.target_id WHERE t.run_id = ?", (ResultSet rs) -> {
					statuses.put(rs.getString("host") + ":" + rs.getInt("port") + " " + rs.getString("protocol") + " "
							+ rs.getString("address"), rs.getString("status"));
				}, run);
		return statuses;
	}

	private List<String> statusesOf(long run, String host) {
		return this.jdbc.queryForList("SELECT a.status FROM audit_target t JOIN assessment a ON a.run_id = t.run_id"
				+ " AND a.target_id = t.target_id WHERE t.run_id = ? AND t.host = ? ORDER BY t.protocol, t.address",
				String.class, run, host);
	}

	private List<String> protocolsOf(long run, String host) {
		return this.jdbc.queryForList(
				"SELECT protocol FROM audit_target WHERE run_id = ? AND host = ? ORDER BY protocol", String.class, run,
				host);
	}

	private Set<String> rulesOf(long run, String host) {
		return new TreeSet<>(this.jdbc.queryForList("SELECT f.rule_id FROM finding f JOIN audit_target t"
				+ " ON t.run_id = f.run_id AND t.target_id = f.target_id WHERE f.run_id = ? AND t.host = ?",
				String.class, run, host));
	}

}
