package dev.certaudit.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openpdf.text.pdf.PdfReader;
import org.openpdf.text.pdf.parser.PdfTextExtractor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.certaudit.analysis.Status;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.SourceKind;

import static org.assertj.core.api.Assertions.assertThat;

/** What the job's integration tests share: the loopback estate, its settings, reading results back. */
abstract class AuditJobTestSupport {

	static final TestEstate ESTATE = TestEstate.start();

	static final Path REPORTS = createDirectory("cert-audit-reports");

	@Autowired
	JdbcTemplate jdbc;


	static void estateProperties(DynamicPropertyRegistry registry) {
		registry.add("cert-audit.trust.extra-store", () -> ESTATE.caFile().toString());
		registry.add("cert-audit.reports-dir", REPORTS::toString);
		registry.add("cert-audit.fetch.connect-timeout", () -> "1s");
		// a loaded CI machine can take over a second for a loopback handshake; the black hole waits this long
		registry.add("cert-audit.fetch.handshake-timeout", () -> "3s");
		// one retry, soon: the closed port and the black hole show two attempts without slowing the tests
		registry.add("cert-audit.fetch.retries", () -> "1");
		registry.add("cert-audit.fetch.retry-backoff", () -> "10ms");
	}

	/**
	 * How a remote run's manager and its workers judge, as worker arguments: a worker set otherwise
	 * refuses the run's partitions. Slower deadlines than the estate's: worker JVMs load the machine.
	 */
	static final List<String> JUDGEMENT = List.of("--cert-audit.trust.extra-store=" + ESTATE.caFile(),
			"--cert-audit.fetch.connect-timeout=5s", "--cert-audit.fetch.handshake-timeout=10s",
			"--cert-audit.fetch.retries=1", "--cert-audit.fetch.retry-backoff=10ms");

	/** The manager's side of {@link #JUDGEMENT}, after {@link #estateProperties}. */
	static void judgementProperties(DynamicPropertyRegistry registry) {
		for (String setting : JUDGEMENT) {
			registry.add(setting.substring(2, setting.indexOf('=')), () -> setting.substring(setting.indexOf('=') + 1));
		}
	}

	static List<InventorySource> hosts(Path hostList) {
		return List.of(new InventorySource(SourceKind.HOSTS, hostList));
	}

	Map<String, Status> statusByHost(long runId) {
		Map<String, Status> statuses = new HashMap<>();
		this.jdbc.query("SELECT t.host, a.status FROM audit_target t JOIN assessment a"
				+ " ON a.run_id = t.run_id AND a.target_id = t.target_id WHERE t.run_id = ?",
				(ResultSet rs) -> {
					statuses.put(rs.getString("host"), Status.valueOf(rs.getString("status")));
				}, runId);
		return statuses;
	}

	Map<String, Set<String>> ruleIdsByHost(long runId) {
		Map<String, Set<String>> rules = new HashMap<>();
		ESTATE.cases().keySet().forEach((host) -> rules.put(host, new TreeSet<>()));
		this.jdbc.query("SELECT t.host, f.rule_id FROM audit_target t JOIN finding f"
				+ " ON f.run_id = t.run_id AND f.target_id = t.target_id WHERE t.run_id = ?",
				(ResultSet rs) -> {
					rules.get(rs.getString("host")).add(rs.getString("rule_id"));
				}, runId);
		return rules;
	}

	Map<String, Set<String>> expectedRuleIds() {
		Map<String, Set<String>> expected = new HashMap<>();
		ESTATE.cases().values().forEach((c) -> expected.put(c.host(), new TreeSet<>(c.ruleIds())));
		return expected;
	}

	Map<String, Status> expectedStatuses() {
		Map<String, Status> expected = new HashMap<>();
		ESTATE.cases().values().forEach((c) -> expected.put(c.host(), c.status()));
		return expected;
	}

	long rows(String table, long runId) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE run_id = ?", Long.class, runId);
	}

	/**
	 * The run of this inventory, once {@code atLeast} of its probes are committed by the audit that
	 * {@code process} runs (or serves), so the test can kill it in the middle of its work.
	 */
	long awaitCommittedProbes(Path inventory, int atLeast, Process process) throws InterruptedException {
		// a JVM of its own starts first: on a loaded machine that alone can take a minute or more
		Instant deadline = Instant.now().plusSeconds(300);
		while (Instant.now().isBefore(deadline)) {
			assertThat(process.isAlive()).as("the audit's process ended before it could be killed").isTrue();
			List<Long> runs = this.jdbc.queryForList("SELECT run_id FROM audit_run WHERE inventories = ?", Long.class,
					"hosts:" + inventory.toAbsolutePath());
			if (!runs.isEmpty() && rows("probe_result", runs.get(0)) >= atLeast) {
				return runs.get(0);
			}
			Thread.sleep(20);
		}
		throw new AssertionError("the audit committed fewer than " + atLeast + " probes within 300 s");
	}

	/** Rows of a table per target of the run: every target must appear exactly once. */
	List<Long> rowsPerTarget(String table, long runId) {
		return this.jdbc.queryForList("SELECT COUNT(x.target_id) FROM audit_target t LEFT JOIN " + table
				+ " x ON x.run_id = t.run_id AND x.target_id = t.target_id WHERE t.run_id = ? GROUP BY t.target_id",
				Long.class, runId);
	}

	/**
	 * The partitions the run's targets were dealt out to: at least {@code cert-audit.remote.partitions}, rounded
	 * up to what the workers live at that moment run at once, so a test reads the count rather than guess it.
	 */
	int dealtPartitions(long runId) {
		Integer partitions = this.jdbc.queryForObject("SELECT COUNT(DISTINCT slice) FROM target_slice WHERE run_id = ?",
				Integer.class, runId);
		return (partitions != null) ? partitions : 0;
	}

	static Path createDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path onlyFile(Path directory, String suffix) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			List<Path> matching = files.filter((f) -> f.toString().endsWith(suffix)).toList();
			assertThat(matching).hasSize(1);
			return matching.get(0);
		}
	}

	/** The History sheet's rows, each as its cells' text joined by "|". */
	static List<String> historySheet(Path workbookFile) throws IOException {
		DataFormatter formatter = new DataFormatter();
		List<String> rows = new ArrayList<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(workbookFile))) {
			for (Row row : workbook.getSheet("History")) {
				List<String> cells = new ArrayList<>();
				for (int column = 0; column < row.getLastCellNum(); column++) {
					cells.add(formatter.formatCellValue(row.getCell(column)));
				}
				rows.add(String.join("|", cells));
			}
		}
		return rows;
	}

	static String pdfText(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file); PdfReader reader = new PdfReader(in)) {
			PdfTextExtractor extractor = new PdfTextExtractor(reader);
			StringBuilder text = new StringBuilder();
			for (int page = 1; page <= reader.getNumberOfPages(); page++) {
				text.append(extractor.getTextFromPage(page)).append('\n');
			}
			return text.toString();
		}
	}

}
