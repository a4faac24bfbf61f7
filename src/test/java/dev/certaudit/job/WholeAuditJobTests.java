package dev.certaudit.job;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;

import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole job against the loopback estate; each subclass runs it on one database. */
abstract class WholeAuditJobTests extends AuditJobTestSupport {

	private static final int HOST = 0;

	private static final int DAYS_LEFT = 8;

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	RunStore store;

	@Autowired
	Job certificateAuditJob;

	@Test
	void everyEndpointGetsItsStatusFindingsAndOneReportRow() throws Exception {
		String inventory = "hosts:" + ESTATE.writeInventory("h2-estate.txt");
		AuditRun run = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid());

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
			List<Double> daysLeft = column(certificates, DAYS_LEFT)
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
	void secondRunOfTheSameInventoryReportsNewAndDisappearedEndpoints() throws Exception {
		this.jobOperatorTestUtils.setJob(this.certificateAuditJob);
		Path hostList = ESTATE.directory().resolve("changing-estate-" + getClass().getSimpleName() + ".txt");
		Files.writeString(hostList, line("valid.test") + line("expired.test"));
		String inventory = "hosts:" + hostList;
		AuditRun first = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid());
		assertThat(this.jobOperatorTestUtils
			.startJob(AuditJobConfiguration.jobParameters(first.runId(), List.of(inventory), 8))
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		Files.writeString(hostList, line("valid.test") + line("self-signed.test"));
		AuditRun second = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid());
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
