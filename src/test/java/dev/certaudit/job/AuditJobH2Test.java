package dev.certaudit.job;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole job on the embedded H2 database against loopback TLS servers. */
@SpringBootTest
@SpringBatchTest
class AuditJobH2Test extends WholeAuditJobTests {

	@Autowired
	AuditLauncher launcher;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:audit-job-h2;DB_CLOSE_DELAY=-1");
		estateProperties(registry);
	}

	@Test
	void badInventoryLineFailsTheRunBeforeFetchingAndNamesFileAndLine() throws Exception {
		Path inventory = ESTATE.directory().resolve("bad-line.txt");
		Files.writeString(inventory, "# hosts\nvalid.test:443 address=127.0.0.1\nbroken.test:44x3\n");

		RunOutcome outcome = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);

		assertThat(outcome.completed()).isFalse();
		assertThat(outcome.failure())
			.isEqualTo(inventory.toAbsolutePath() + ":3: port '44x3' is not a number from 1 to 65535");
		assertThat(rows("probe_result", outcome.runId())).isZero();
	}

}
