package dev.certaudit.inventory;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.history.AuditRun;
import dev.certaudit.history.InventoryStore;
import dev.certaudit.history.RecordedRuns;
import dev.certaudit.job.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Certificate file paths as long as cert-audit takes are stored on PostgreSQL, whose index entries
 * cannot hold the longest paths Linux allows; a longer one is a rejected line, not a failed run.
 */
@SpringBootTest
@Import(RecordedRuns.class)
class CertificatePathLimitPostgresTest {

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		PostgresTestDatabase.register(registry, "cert_audit_path_limit_test");
	}

	@Autowired
	RecordedRuns runs;

	@Autowired
	InventoryStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void theLongestPathTakenIsStoredAndALongerOneIsRejectedNamingItsLength() {
		AuditRun run = this.runs.newRun("certs:/srv/tls");
		// 'é' is two bytes in UTF-8: the limit counts bytes, as the index does
		String longest = "/srv/a" + "é".repeat((SourceKind.MAX_PATH_BYTES - 10) / 2) + ".pem";
		String tooLong = longest.replace("/srv/a", "/srv/ab");
		InventoryLineProcessor processor = new InventoryLineProcessor(run.runId(), BadLinePolicy.SKIP, () -> null);

		this.store.save(List.of(processor.process(line(1, longest)), processor.process(line(2, tooLong))));

		assertThat(this.jdbc.queryForList("SELECT host FROM audit_candidate WHERE run_id = ?", String.class, run.runId()))
			.containsExactly(longest);
		assertThat(this.jdbc.queryForObject("SELECT reason FROM inventory_rejection WHERE run_id = ?", String.class,
				run.runId()))
			.isEqualTo("a path of 2001 bytes; cert-audit keeps a certificate file by its path, of at most 2000");
	}

	@Test
	void aRunThatStopsAtBadLinesStopsAtALongerPathNamingIt() {
		String tooLong = "/srv/" + "d".repeat(SourceKind.MAX_PATH_BYTES);
		InventoryLineProcessor processor = new InventoryLineProcessor(1, BadLinePolicy.FAIL, () -> null);

		assertThatExceptionOfType(InventoryLineException.class).isThrownBy(() -> processor.process(line(1, tooLong)))
			.withMessage(tooLong + ": a path of 2005 bytes; cert-audit keeps a certificate file by its path, of at most 2000");
	}

	private static InventoryLine line(long lineId, String path) {
		return new InventoryLine(lineId, SourceKind.CERT_FILES, path, path, null);
	}

}
