package dev.certaudit.delivery;

import java.io.IOException;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Renewal deliveries checked against a run kept in the embedded H2 database. */
@SpringBootTest
class DeliveryCheckH2Test extends DeliveryChecks {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:check-delivery;DB_CLOSE_DELAY=-1");
		deliveryProperties(registry);
	}

}
