package dev.certaudit.job;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.history.AuditRun;
import dev.certaudit.history.AuditStore;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole job on the embedded H2 database against loopback TLS servers. */
@SpringBootTest
@SpringBatchTest
class AuditJobH2Test extends AuditJobTestSupport {

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	AuditStore store;

	@Autowired
	AuditLauncher launcher;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:audit-job-h2;DB_CLOSE_DELAY=-1");
		estateProperties(registry);
	}

	@Test
	void everyEndpointGetsItsStatusFindingsAndOneReportRow() throws Exception {
		String inventory = ESTATE.writeInventory("h2-estate.txt").toString();
		AuditRun run = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid());

		JobExecution execution = this.jobOperatorTestUtils
			.startJob(AuditJobConfiguration.jobParameters(run.runId(), List.of(inventory), 64));

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
		}
		String pdf = pdfText(onlyFile(reports, ".pdf"));
		assertThat(pdf).contains("Needs action first", "In good order", "expired.test", "no-intermediate.test");
		assertThat(pdf.indexOf("expired.test")).isLessThan(pdf.indexOf("In good order"));
		assertThat(pdf.indexOf("valid.test:")).isGreaterThan(pdf.indexOf("In good order"));
	}

	@Test
	void badInventoryLineFailsTheRunBeforeFetchingAndNamesFileAndLine() throws Exception {
		Path inventory = ESTATE.directory().resolve("bad-line.txt");
		Files.writeString(inventory, "# hosts\nvalid.test:443 address=127.0.0.1\nbroken.test:44x3\n");

		RunOutcome outcome = this.launcher.audit(List.of(inventory), 4, true);

		assertThat(outcome.completed()).isFalse();
		assertThat(outcome.failure()).isEqualTo(inventory.toAbsolutePath() + ":3: port '44x3' is not a number from 1 to 65535");
		assertThat(rows("probe_result", outcome.runId())).isZero();
	}

	static Path onlyFile(Path directory, String suffix) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			List<Path> matching = files.filter((f) -> f.toString().endsWith(suffix)).toList();
			assertThat(matching).hasSize(1);
			return matching.get(0);
		}
	}

	static String pdfText(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file); PdfReader reader = new PdfReader(in)) {
			PdfTextExtractor extractor = new PdfTextExtractor(reader);
			StringBuilder text = new StringBuilder();
			for (int page = 1; page <= reader.getNumberOfPages(); page++) {
				text.append(extractor.getTextFromPage(page)).append('\n');
			}
			return text.toString();
		}
	}

}
