package dev.certaudit.job;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Long certificate fields on PostgreSQL, which counts a column's limit in characters as H2 does. */
@SpringBootTest
class LongCertificateFieldsPostgresTest extends LongCertificateFieldsTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, "cert_audit_long_fields_test");
		registry.add("cert-audit.reports-dir", REPORTS::toString);
	}

}
