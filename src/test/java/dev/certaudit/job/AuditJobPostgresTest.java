package dev.certaudit.job;

import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole job on PostgreSQL against loopback TLS servers. */
@SpringBootTest
@SpringBatchTest
class AuditJobPostgresTest extends WholeAuditJobTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, "cert_audit_job_test");
		estateProperties(registry);
	}

}
