package dev.certaudit.job;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Pruning on PostgreSQL. */
@SpringBootTest
class RunPruningPostgresTest extends RunPruningTests {

	private static final Path DIRECTORY = createDirectory("cert-audit-pruning-postgres");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, "cert_audit_pruning_test");
		pruningProperties(registry, DIRECTORY);
	}

	@Override
	Path directory() {
		return DIRECTORY;
	}

}
