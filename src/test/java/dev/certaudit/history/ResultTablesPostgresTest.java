package dev.certaudit.history;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.job.PostgresTestDatabase;

/** A pruned run's rows on PostgreSQL. */
@SpringBootTest
class ResultTablesPostgresTest extends ResultTablesTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, "cert_audit_result_tables_test");
	}

}
