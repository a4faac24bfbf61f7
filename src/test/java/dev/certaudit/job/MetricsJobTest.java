package dev.certaudit.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.certaudit.analysis.Status;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.RunStore;
import dev.certaudit.report.ReportQueries;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's metrics for Prometheus, as node_exporter's textfile collector and a Pushgateway get them:
 * every endpoint's expiry, counts that equal the run's, and one push grouped by the inventories.
 */
@SpringBootTest
@SpringBatchTest
class MetricsJobTest extends AuditJobTestSupport {

	private static final Pattern SAMPLE = Pattern.compile("([a-z_]+)(?:\\{(.*)})? (\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Path TEXTFILE = ESTATE.directory().resolve("textfile").resolve("cert-audit.prom");

	private static final List<Push> PUSHES = new CopyOnWriteArrayList<>();

	private static final HttpServer PUSHGATEWAY = pushgateway();

	@Autowired
	JobOperatorTestUtils jobOperatorTestUtils;

	@Autowired
	Job certificateAuditJob;

	@Autowired
	RunStore store;

	@Autowired
	ReportQueries reportQueries;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		estateProperties(registry);
		// every endpoint that can show a certificate must, or there is no expiry to find: a loaded machine's
		// handshakes outlast the estate's 1 s
		registry.add("cert-audit.fetch.handshake-timeout", () -> "10s");
		registry.add("cert-audit.metrics.textfile", TEXTFILE::toString);
		registry.add("cert-audit.metrics.pushgateway",
				() -> "http://127.0.0.1:" + PUSHGATEWAY.getAddress().getPort() + "/");
	}

	@AfterAll
	static void stopPushgateway() {
		PUSHGATEWAY.stop(0);
	}

	@Test
	void textfileHoldsEveryEndpointsExpiryAndTheRunsCountsAndTheSameMetricsArePushedOnce() throws Exception {
		String inventory = "hosts:" + ESTATE.writeInventory("metrics-estate.txt");
		AuditRun run = this.store.createRun(List.of(inventory), "test", ProcessHandle.current().pid(), null);

		this.jobOperatorTestUtils.setJob(this.certificateAuditJob);
		JobExecution execution = this.jobOperatorTestUtils
			.startJob(AuditJobConfiguration.jobParameters(run.runId(), List.of(inventory), 64));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution publish = execution.getStepExecutions().stream()
			.filter((step) -> step.getStepName().equals("publishMetrics")).findFirst().orElseThrow();
		assertThat(publish.getExitStatus().getExitDescription()).contains("metrics pushed to")
			.contains("metrics written to " + TEXTFILE);
		String text = Files.readString(TEXTFILE);
		// replaced by a rename: nothing half-written is left beside it
		try (Stream<Path> files = Files.list(TEXTFILE.getParent())) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("cert-audit.prom");
		}
		List<Sample> samples = samples(text);
		assertEachFamilyOnceWithHelpAndType(text);

		List<Map<String, Object>> endpoints = this.jdbc.queryForList("SELECT t.host, t.port, t.address, a.not_after"
				+ " FROM audit_target t JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id"
				+ " WHERE t.run_id = ?", run.runId());
		List<Sample> expiries = named(samples, "cert_audit_certificate_expiry_timestamp_seconds");
		List<Map<String, Object>> withLeaf = endpoints.stream().filter((e) -> e.get("NOT_AFTER") != null).toList();
		assertThat(withLeaf).isNotEmpty();
		assertThat(expiries).hasSize(withLeaf.size());
		for (Map<String, Object> endpoint : withLeaf) {
			long notAfter = ((OffsetDateTime) endpoint.get("NOT_AFTER")).toEpochSecond();
			assertThat(expiries).anySatisfy((sample) -> {
				assertThat(sample.labels()).containsEntry("host", (String) endpoint.get("HOST"))
					.containsEntry("port", String.valueOf(endpoint.get("PORT")))
					.containsEntry("inventory", "metrics-estate.txt");
				assertThat(sample.value()).isEqualTo((double) notAfter);
			});
		}
		Map<Status, Long> counts = this.reportQueries.countsByStatus(run.runId());
		assertThat(named(samples, "cert_audit_endpoint_status"))
			.hasSize((int) (endpoints.size() - counts.getOrDefault(Status.OK, 0L)))
			.allSatisfy((sample) -> assertThat(sample.value()).isOne())
			.noneSatisfy((sample) -> assertThat(sample.labels()).containsEntry("status", "ok"));
		for (Status status : Status.values()) {
			assertThat(named(samples, "cert_audit_endpoints")).filteredOn((s) -> s.labels().get("status")
				.equals(status.name().toLowerCase())).singleElement()
				.satisfies((s) -> assertThat(s.value()).isEqualTo((double) counts.getOrDefault(status, 0L)));
		}
		long findings = this.jdbc.queryForObject("SELECT COUNT(*) FROM finding WHERE run_id = ?", Long.class,
				run.runId());
		assertThat(named(samples, "cert_audit_findings").stream().mapToDouble(Sample::value).sum())
			.isEqualTo((double) findings);
		assertThat(named(samples, "cert_audit_run_id")).singleElement()
			.satisfies((s) -> assertThat(s.value()).isEqualTo((double) run.runId()));

		assertThat(PUSHES).singleElement().satisfies((push) -> {
			assertThat(push.method()).isEqualTo("PUT");
			assertThat(push.path()).isEqualTo("/metrics/job/cert_audit/inventory@base64/"
					+ Base64.getUrlEncoder().withoutPadding().encodeToString("metrics-estate.txt".getBytes(StandardCharsets.UTF_8)));
			assertThat(push.contentType()).startsWith("text/plain; version=0.0.4");
			assertThat(push.body()).isEqualTo(text);
		});
	}

	/** The text format wants each family's samples together, after one HELP and one TYPE line. */
	private static void assertEachFamilyOnceWithHelpAndType(String text) {
		List<String> families = new ArrayList<>();
		String current = null;
		for (String line : text.split("\n")) {
			if (line.startsWith("# HELP ")) {
				current = line.split(" ")[2];
				assertThat(families).as("family %s twice", current).doesNotContain(current);
				families.add(current);
			}
			else if (line.startsWith("# TYPE ")) {
				assertThat(line).isEqualTo("# TYPE " + current + " gauge");
			}
			else {
				assertThat(line).startsWith(current);
			}
		}
		assertThat(families).contains("cert_audit_certificate_expiry_timestamp_seconds", "cert_audit_endpoint_status",
				"cert_audit_findings", "cert_audit_run_last_success_timestamp_seconds", "cert_audit_run_duration_seconds",
				"cert_audit_endpoints");
	}

	private static List<Sample> samples(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line);
			assertThat(sample.matches()).as(line).isTrue();
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
				}
			}
			samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
		}
		return samples;
	}

	private static List<Sample> named(List<Sample> samples, String name) {
		return samples.stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	private record Sample(String name, Map<String, String> labels, double value) {
	}

	private record Push(String method, String path, String contentType, String body) {
	}

	private static HttpServer pushgateway() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				PUSHES.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
						exchange.getRequestHeaders().getFirst("Content-Type"),
						new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
