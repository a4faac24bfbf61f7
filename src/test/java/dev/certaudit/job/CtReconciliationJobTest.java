package dev.certaudit.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RunStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run reconciled with a CT export ({@code cert-audit.ct.export}) on PostgreSQL: the differences reach
 * both reports.
 */
@SpringBootTest
@SpringBatchTest
class CtReconciliationJobTest extends AuditJobTestSupport {

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	Job certificateAuditJob;

	@Autowired
	RunStore store;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		// PostgreSQL here, as CtReconciliationTest reconciles on H2: the queries are checked on both
		PostgresTestDatabase.register(registry, "cert_audit_ct_test");
		estateProperties(registry);
		registry.add("cert-audit.ct.export", () -> export().toString());
	}

	/** A spare certificate valid until 2099 for a host the estate does not list, and an expired one. */
	private static Path export() {
		try {
			return Files.writeString(ESTATE.directory().resolve("crt.sh-export.json"), """
					[{"issuer_name":"C=US, O=Example, CN=Public CA","common_name":"forgotten.test",
					  "name_value":"forgotten.test","id":42,"not_before":"2025-01-01T00:00:00",
					  "not_after":"2099-01-01T00:00:00","serial_number":"00c0ffee"},
					 {"issuer_name":"C=US, O=Example, CN=Public CA","common_name":"gone.test",
					  "name_value":"gone.test","id":43,"not_before":"2019-01-01T00:00:00",
					  "not_after":"2020-01-01T00:00:00","serial_number":"0bad"}]
					""");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void differencesWithTheExportAreInTheWorkbookAndThePdf() throws Exception {
		String inventory = "hosts:" + ESTATE.writeInventory("ct-estate.txt");
		AuditRun run = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid(), null);

		this.jobOperatorTestUtils.setJob(this.certificateAuditJob);
		JobExecution execution = this.jobOperatorTestUtils
			.startJob(AuditJobConfiguration.jobParameters(run.runId(), List.of(inventory), 64));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Path reports = REPORTS.resolve(String.valueOf(run.runId()));
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(onlyFile(reports, ".xlsx")))) {
			Sheet sheet = workbook.getSheet("Certificate Transparency");
			assertThat(sheet.getLastRowNum()).isEqualTo(2);
			assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("issued, never seen deployed");
			assertThat(sheet.getRow(1).getCell(2).getStringCellValue()).isEqualTo("c0ffee");
			assertThat(sheet.getRow(2).getCell(1).getStringCellValue()).isEqualTo("forgotten.test");
		}
		assertThat(pdfText(onlyFile(reports, ".pdf"))).containsSubsequence("Certificate Transparency",
				"1 issued, never seen deployed, 0 deployed, not in the CT export, 1 name in CT, not in the inventory.")
			.doesNotContain("gone.test");
	}

}
