package dev.certaudit.job;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Pruning on the embedded H2 database. */
@SpringBootTest
class RunPruningH2Test extends RunPruningTests {

	private static final Path DIRECTORY = createDirectory("cert-audit-pruning-h2");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:run-pruning;DB_CLOSE_DELAY=-1");
		pruningProperties(registry, DIRECTORY);
	}

	@Override
	Path directory() {
		return DIRECTORY;
	}

}
