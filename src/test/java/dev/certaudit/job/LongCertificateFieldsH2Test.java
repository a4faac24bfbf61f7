package dev.certaudit.job;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Long certificate fields on the embedded H2 database. */
@SpringBootTest
class LongCertificateFieldsH2Test extends LongCertificateFieldsTests {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:long-fields;DB_CLOSE_DELAY=-1");
		registry.add("cert-audit.reports-dir", REPORTS::toString);
	}

}
