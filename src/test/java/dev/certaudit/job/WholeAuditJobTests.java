package dev.certaudit.job;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;

import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RunStore;
import dev.certaudit.probe.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole job against the loopback estate; each subclass runs it on one database. */
abstract class WholeAuditJobTests extends AuditJobTestSupport {

	private static final int HOST = 0;

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	RunStore store;

	@Autowired
	Job certificateAuditJob;

	@Test
	void everyEndpointGetsItsStatusFindingsAndOneReportRow() throws Exception {
		String inventory = "hosts:" + ESTATE.writeInventory("h2-estate.txt");
		AuditRun run = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid(), null);

		this.jobOperatorTestUtils.setJob(this.certificateAuditJob);
		JobExecution execution = this.jobOperatorTestUtils
			.startJob(AuditJobConfiguration.jobParameters(run.runId(), List.of(inventory), 64));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(statusByHost(run.runId())).isEqualTo(expectedStatuses());
		assertThat(ruleIdsByHost(run.runId())).isEqualTo(expectedRuleIds());
		assertThat(rowsPerTarget("probe_result", run.runId())).hasSize(ESTATE.cases().size()).containsOnly(1L);
		assertThat(rowsPerTarget("assessment", run.runId())).hasSize(ESTATE.cases().size()).containsOnly(1L);
		// mail is off by default: nothing sent, so nothing recorded
		assertThat(rows("mail_delivery", run.runId())).isZero();

		Path reports = REPORTS.resolve(String.valueOf(run.runId()));
		try (Workbook workbook = new XSSFWorkbook(Files.newInputStream(onlyFile(reports, ".xlsx")))) {
			Sheet certificates = workbook.getSheet("Certificates");
			assertThat(certificates.getLastRowNum()).isEqualTo(ESTATE.cases().size());
			List<String> hosts = column(certificates, HOST).map(Cell::getStringCellValue).toList();
			assertThat(hosts).containsExactlyInAnyOrderElementsOf(ESTATE.cases().keySet());
			// soonest expiry first, endpoints without a certificate (no days left) last
			List<Double> daysLeft = column(certificates, column(certificates, "Days left"))
				.map((cell) -> (cell == null) ? Double.MAX_VALUE : cell.getNumericCellValue())
				.toList();
			assertThat(daysLeft).isSorted();
			assertThat(hosts.subList(hosts.size() - 3, hosts.size())).containsExactlyInAnyOrder("closed.test",
					"plain-http.test", "black-hole.test");
			assertThat(workbook.getSheet("Chains").getLastRowNum()).isGreaterThanOrEqualTo(ESTATE.cases().size() - 3);
			assertThat(workbook.getSheet("Errors").getLastRowNum()).isEqualTo(3);
			int attemptsColumn = certificates.getRow(0).getLastCellNum() - 1;
			assertThat(certificates.getRow(0).getCell(attemptsColumn).getStringCellValue()).isEqualTo("Attempts");
			Map<String, Integer> attempts = Stream.iterate(1, (i) -> i <= certificates.getLastRowNum(), (i) -> i + 1)
				.map(certificates::getRow)
				.collect(Collectors.toMap((row) -> row.getCell(0).getStringCellValue(),
						(row) -> (int) row.getCell(attemptsColumn).getNumericCellValue()));
			// refused is retried once (the tests' setting); a stalled handshake and answers that would not
			// change are not
			assertThat(attempts).containsEntry("closed.test", 2)
				.containsEntry("black-hole.test", 1)
				.containsEntry("plain-http.test", 1)
				.containsEntry("valid.test", 1);
			assertThat(workbook.getSheet("Installed at").getLastRowNum()).isEqualTo(ESTATE.cases().size() - 3);
		}
		// the exports beside them: one record per endpoint and per finding, the JSON valid by its schema
		try (Stream<String> lines = Files.lines(onlyFile(reports, "-endpoints.csv"))) {
			assertThat(lines.count()).isEqualTo(ESTATE.cases().size() + 1);
		}
		try (Stream<String> lines = Files.lines(onlyFile(reports, "-findings.csv"))) {
			assertThat(lines.count()).isEqualTo(rows("finding", run.runId()) + 1);
		}
		try (InputStream schema = getClass().getResourceAsStream("/schema/cert-audit-report.schema.json")) {
			assertThat(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
				.getSchema(schema)
				.validate(Files.readString(onlyFile(reports, ".json")), InputFormat.JSON)).isEmpty();
		}
		String pdf = pdfText(onlyFile(reports, ".pdf"));
		assertThat(pdf).containsSubsequence("Needs action first", "expired.test", "no-intermediate.test", "Changes",
				"All endpoints");
		String actions = pdf.substring(pdf.indexOf("Needs action first"), pdf.indexOf("Changes"));
		assertThat(actions).doesNotContain("valid.test:");
	}

	@Test
	void everyReportShowsTheProtocolSuiteAndKeyExchangeOfEachHandshake() throws Exception {
		String inventory = "hosts:" + ESTATE.writeInventory("handshake-estate-" + getClass().getSimpleName() + ".txt");
		AuditRun run = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid(), null);
		this.jobOperatorTestUtils.setJob(this.certificateAuditJob);
		assertThat(this.jobOperatorTestUtils
			.startJob(AuditJobConfiguration.jobParameters(run.runId(), List.of(inventory), 16))
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		// what the fetcher stored: the loopback servers (JDK) speak TLS 1.3; the closed port, the web server
		// and the black hole never got as far as a handshake. A visit that a loaded machine let stall has
		// no handshake either, and the reports must then show none.
		Map<String, String> stored = new HashMap<>();
		List<String> fetched = new ArrayList<>();
		this.jdbc.query("SELECT t.host, p.outcome, p.tls_protocol, p.cipher_suite, p.key_exchange FROM audit_target t"
				+ " JOIN probe_result p ON p.run_id = t.run_id AND p.target_id = t.target_id WHERE t.run_id = ?",
				(ResultSet rs) -> {
					String handshake = handshake(rs.getString("tls_protocol"), rs.getString("cipher_suite"),
							rs.getString("key_exchange"));
					stored.put(rs.getString("host"), handshake);
					if (rs.getString("outcome").equals(ProbeOutcome.FETCHED.name())) {
						fetched.add(rs.getString("host"));
						assertThat(handshake).as(rs.getString("host")).matches(
								"TLSv1\\.3\\|TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)\\|[a-zA-Z0-9]+");
					}
					else {
						assertThat(handshake).as(rs.getString("host")).isEqualTo("||");
					}
				}, run.runId());
		assertThat(stored).hasSize(ESTATE.cases().size());
		assertThat(fetched).isNotEmpty().doesNotContain("closed.test", "plain-http.test", "black-hole.test");

		Path reports = REPORTS.resolve(String.valueOf(run.runId()));
		Map<String, String> workbook = new HashMap<>();
		try (Workbook xlsx = new XSSFWorkbook(Files.newInputStream(onlyFile(reports, ".xlsx")))) {
			Sheet certificates = xlsx.getSheet("Certificates");
			int protocol = column(certificates, "TLS protocol");
			assertThat(column(certificates, "Cipher suite")).isEqualTo(protocol + 1);
			assertThat(column(certificates, "Key exchange")).isEqualTo(protocol + 2);
			DataFormatter formatter = new DataFormatter();
			Stream.iterate(1, (i) -> i <= certificates.getLastRowNum(), (i) -> i + 1)
				.map(certificates::getRow)
				.forEach((row) -> workbook.put(row.getCell(HOST).getStringCellValue(),
						handshake(formatter.formatCellValue(row.getCell(protocol)),
								formatter.formatCellValue(row.getCell(protocol + 1)),
								formatter.formatCellValue(row.getCell(protocol + 2)))));
		}
		assertThat(workbook).isEqualTo(stored);

		// the CSV's handshake columns are its last three; none of their values holds a comma
		Map<String, String> csv = new HashMap<>();
		try (Stream<String> lines = Files.lines(onlyFile(reports, "-endpoints.csv"))) {
			List<String> records = lines.toList();
			assertThat(records.getFirst()).endsWith(",error,tls_protocol,cipher_suite,key_exchange");
			records.subList(1, records.size()).forEach((line) -> {
				String[] fields = line.split(",", -1);
				int n = fields.length;
				csv.put(fields[2], handshake(fields[n - 3], fields[n - 2], fields[n - 1]));
			});
		}
		assertThat(csv).isEqualTo(stored);

		Map<String, String> json = new HashMap<>();
		JsonMapper.builder().build().readTree(onlyFile(reports, ".json").toFile()).get("endpoints").forEach(
				(endpoint) -> json.put(endpoint.get("host").asString(), handshake(endpoint.get("tls_protocol").asString(""),
						endpoint.get("cipher_suite").asString(""), endpoint.get("key_exchange").asString(""))));
		assertThat(json).isEqualTo(stored);

		// the PDF's endpoint table: status, host:port, address, days left, not after, owner, then the protocol
		String pdf = pdfText(onlyFile(reports, ".pdf"));
		String host = fetched.getFirst();
		assertThat(pdf.substring(pdf.indexOf("All endpoints")))
			.containsPattern(Pattern.quote(host) + ":\\d+ 127\\.0\\.0\\.1 -?\\d+ \\d{4}-\\d{2}-\\d{2} team-\\S+ TLSv1\\.3");
	}

	@Test
	void everyInventoryLabelIsAColumnOfItsOwnContactIncludedAndOwnersAreSummed() throws Exception {
		Path hostList = ESTATE.directory().resolve("labelled-estate-" + getClass().getSimpleName() + ".txt");
		Files.writeString(hostList, ESTATE_LABELS.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ":" + ESTATE.cases().get(entry.getKey()).port() + " address=127.0.0.1 "
					+ entry.getValue() + "\n")
			.collect(Collectors.joining()));
		String inventory = "hosts:" + hostList;
		AuditRun run = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid(), null);
		this.jobOperatorTestUtils.setJob(this.certificateAuditJob);
		assertThat(this.jobOperatorTestUtils
			.startJob(AuditJobConfiguration.jobParameters(run.runId(), List.of(inventory), 8))
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Path reports = REPORTS.resolve(String.valueOf(run.runId()));
		try (Workbook workbook = new XSSFWorkbook(Files.newInputStream(onlyFile(reports, ".xlsx")))) {
			Sheet certificates = workbook.getSheet("Certificates");
			DataFormatter formatter = new DataFormatter();
			List<String> header = Stream.iterate(0, (i) -> i < certificates.getRow(0).getLastCellNum(), (i) -> i + 1)
				.map((i) -> certificates.getRow(0).getCell(i).getStringCellValue())
				.toList();
			assertThat(header.subList(0, header.indexOf("Status"))).containsExactly("Host", "Port", "Protocol",
					"Address", "Owner", "Contact", "Env", "Tags");
			Map<String, String> labels = Stream.iterate(1, (i) -> i <= certificates.getLastRowNum(), (i) -> i + 1)
				.map(certificates::getRow)
				.collect(Collectors.toMap((row) -> row.getCell(HOST).getStringCellValue(),
						(row) -> Stream.of("Owner", "Contact", "Env", "Tags")
							.map((name) -> formatter.formatCellValue(row.getCell(header.indexOf(name))))
							.collect(Collectors.joining("|"))));
			assertThat(labels).containsOnly(Map.entry("valid.test", "web|web-team@example.test|prod|"),
					Map.entry("expired.test", "web|web-team@example.test|prod|"),
					Map.entry("self-signed.test", "ops||lab|legacy"));

			// the owner= label summed by the database: endpoints, and each one counted under its status
			Sheet owners = workbook.getSheet("By owner");
			Map<String, Integer> endpoints = new HashMap<>();
			for (int i = 1; i <= owners.getLastRowNum(); i++) {
				Row row = owners.getRow(i);
				int count = (int) row.getCell(1).getNumericCellValue();
				endpoints.put(row.getCell(0).getStringCellValue(), count);
				assertThat(Stream.iterate(5, (c) -> c < row.getLastCellNum(), (c) -> c + 1)
					.mapToDouble((c) -> row.getCell(c).getNumericCellValue())
					.sum()).isEqualTo(count);
			}
			assertThat(endpoints).containsOnly(Map.entry("web", 2), Map.entry("ops", 1));
		}
	}

	/** Three endpoints of two owners; one has no contact, and only one is tagged. */
	private static final Map<String, String> ESTATE_LABELS = Map.of("valid.test",
			"owner=web contact=web-team@example.test env=prod", "expired.test",
			"env=prod owner=web contact=web-team@example.test", "self-signed.test", "owner=ops env=lab tags=legacy");

	/** What a handshake agreed as one comparable text, blanks for what is unknown. */
	private static String handshake(String protocol, String suite, String keyExchange) {
		return Stream.of(protocol, suite, keyExchange)
			.map((value) -> (value == null) ? "" : value)
			.collect(Collectors.joining("|"));
	}

	/** The index of the column whose header is {@code name}. */
	private static int column(Sheet sheet, String name) {
		Row header = sheet.getRow(0);
		for (int i = 0; i < header.getLastCellNum(); i++) {
			if (name.equals(header.getCell(i).getStringCellValue())) {
				return i;
			}
		}
		throw new AssertionError("no column " + name + " in " + sheet.getSheetName());
	}

	@Test
	void secondRunOfTheSameInventoryReportsNewAndDisappearedEndpoints() throws Exception {
		this.jobOperatorTestUtils.setJob(this.certificateAuditJob);
		Path hostList = ESTATE.directory().resolve("changing-estate-" + getClass().getSimpleName() + ".txt");
		Files.writeString(hostList, line("valid.test") + line("expired.test"));
		String inventory = "hosts:" + hostList;
		AuditRun first = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid(), null);
		assertThat(this.jobOperatorTestUtils
			.startJob(AuditJobConfiguration.jobParameters(first.runId(), List.of(inventory), 8))
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Files.writeString(hostList, line("valid.test") + line("self-signed.test"));
		AuditRun second = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid(), null);
		assertThat(this.jobOperatorTestUtils
			.startJob(AuditJobConfiguration.jobParameters(second.runId(), List.of(inventory), 8))
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Path reports = REPORTS.resolve(String.valueOf(second.runId()));
		try (Workbook workbook = new XSSFWorkbook(Files.newInputStream(onlyFile(reports, ".xlsx")))) {
			Sheet changes = workbook.getSheet("Changes");
			assertThat(column(changes, 0).map((cell) -> cell.getStringCellValue() + " "
					+ changes.getRow(cell.getRowIndex()).getCell(HOST + 1).getStringCellValue()))
				.containsExactly("new endpoint self-signed.test", "disappeared expired.test");
		}
		assertThat(pdfText(onlyFile(reports, ".pdf"))).contains("Changes since run " + first.runId(),
				"0 newly failing, 0 newly fixed, 0 renewed, 1 new endpoint, 1 disappeared.");
	}

	private static String line(String host) {
		return host + ":" + ESTATE.cases().get(host).port() + " address=127.0.0.1\n";
	}

	/** The cells of one column below the header, null where a row leaves it blank. */
	private static Stream<Cell> column(Sheet sheet, int column) {
		return Stream.iterate(1, (i) -> i <= sheet.getLastRowNum(), (i) -> i + 1)
			.map((i) -> sheet.getRow(i).getCell(column));
	}

}
