package dev.certaudit.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
import dev.certaudit.history.AuditStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole job against the loopback estate; each subclass runs it on one database. */
abstract class WholeAuditJobTests extends AuditJobTestSupport {

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	AuditStore store;

	@Autowired
	Job certificateAuditJob;

	@Test
	void everyEndpointGetsItsStatusFindingsAndOneReportRow() throws Exception {
		String inventory = "hosts:" + ESTATE.writeInventory("h2-estate.txt");
		AuditRun run = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid());

		this.jobOperatorTestUtils.setJob(this.certificateAuditJob);
		JobExecution execution = this.jobOperatorTestUtils
			.startJob(AuditJobConfiguration.jobParameters(run.runId(), List.of(inventory), 64, 4));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(statusByHost(run.runId())).isEqualTo(expectedStatuses());
		assertThat(ruleIdsByHost(run.runId())).isEqualTo(expectedRuleIds());
		assertThat(rowsPerTarget("probe_result", run.runId())).hasSize(ESTATE.cases().size()).containsOnly(1L);
		assertThat(rowsPerTarget("assessment", run.runId())).hasSize(ESTATE.cases().size()).containsOnly(1L);

		Path reports = REPORTS.resolve(String.valueOf(run.runId()));
		try (Workbook workbook = new XSSFWorkbook(Files.newInputStream(onlyFile(reports, ".xlsx")))) {
			Sheet certificates = workbook.getSheet("Certificates");
			assertThat(certificates.getLastRowNum()).isEqualTo(ESTATE.cases().size());
			List<String> hosts = Stream.iterate(1, (i) -> i <= certificates.getLastRowNum(), (i) -> i + 1)
				.map((i) -> certificates.getRow(i).getCell(0).getStringCellValue())
				.toList();
			assertThat(hosts).containsExactlyInAnyOrderElementsOf(ESTATE.cases().keySet());
			assertThat(hosts.get(hosts.size() - 1)).isEqualTo("valid.test");
			int attemptsColumn = certificates.getRow(0).getLastCellNum() - 1;
			assertThat(certificates.getRow(0).getCell(attemptsColumn).getStringCellValue()).isEqualTo("Attempts");
			Map<String, Integer> attempts = Stream.iterate(1, (i) -> i <= certificates.getLastRowNum(), (i) -> i + 1)
				.map(certificates::getRow)
				.collect(Collectors.toMap((row) -> row.getCell(0).getStringCellValue(),
						(row) -> (int) row.getCell(attemptsColumn).getNumericCellValue()));
			// refused and timed out are retried once (the tests' setting), answers that would not change are not
			assertThat(attempts).containsEntry("closed.test", 2)
				.containsEntry("black-hole.test", 2)
				.containsEntry("plain-http.test", 1)
				.containsEntry("valid.test", 1);
		}
		String pdf = pdfText(onlyFile(reports, ".pdf"));
		assertThat(pdf).contains("Needs action first", "In good order", "expired.test", "no-intermediate.test");
		assertThat(pdf.indexOf("expired.test")).isLessThan(pdf.indexOf("In good order"));
		assertThat(pdf.indexOf("valid.test:")).isGreaterThan(pdf.indexOf("In good order"));
	}

}
