package dev.certaudit.delivery;

import java.io.IOException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.job.PostgresTestDatabase;

/** Renewal deliveries checked against a run kept in PostgreSQL. */
@SpringBootTest
class DeliveryCheckPostgresTest extends DeliveryChecks {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		PostgresTestDatabase.register(registry, "cert_audit_delivery_test");
		deliveryProperties(registry);
	}

}
