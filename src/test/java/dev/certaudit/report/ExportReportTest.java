package dev.certaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.Status;
import dev.certaudit.report.csv.EndpointsCsv;
import dev.certaudit.report.csv.FindingsCsv;
import dev.certaudit.report.json.JsonReport;

class ExportReportTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void endpointsCsvHasAHeaderThenOneRecordPerEndpointWithIsoTimestamps() throws IOException {
		List<String> lines = lines(write(new EndpointsCsv(), ReportFixtures.rows()));

		assertThat(lines).hasSize(ReportFixtures.rows().size() + 1);
		assertThat(lines.getFirst()).isEqualTo("run_id,target_id,host,port,protocol,address,owner,contact,labels,status,"
				+ "days_left,not_before,not_after,subject,issuer,subject_alt_names,serial_number,sha256,rule_ids,error,"
				+ "tls_protocol,cipher_suite,key_exchange");
		assertThat(lines.get(1)).isEqualTo("42,2,old.example.org,443,https,192.0.2.2,web-team,Jane Roe <jane@example.org>,"
				+ "env=prod,EXPIRED,-3,2025-04-17T12:30:00Z,2026-05-19T12:30:00Z,CN=old.example.org,CN=Example Issuing CA,"
				+ "old.example.org www.old.example.org,3ea," + "%064x".formatted(2)
				+ ",e_certificate_expired w_sha1_signature,,TLSv1.2," + ReportFixtures.OLD_SUITE + ",secp256r1");
		assertThat(lines.getLast()).isEqualTo(
				"42,1,down.example.org,443,https,192.0.2.1,web-team,,env=prod,ERROR,,,,,,,,,,connect timed out after 5s,,,");
	}

	@Test
	void fieldsWithCommasQuotesOrLineBreaksAreQuotedAsRfc4180Says() throws IOException {
		ReportRow down = ReportFixtures.rows().getLast();
		ReportRow awkward = new ReportRow(down.targetId(), down.host(), down.port(), down.protocol(), down.address(),
				"ops, \"night\" shift", null, "", Status.ERROR, null, null, null, null, null, List.of(), null, null,
				List.of(), List.of(), "reset\r\nby peer", 1, null, null, null);

		String text = Files.readString(write(new EndpointsCsv(), List.of(awkward)), StandardCharsets.UTF_8);

		assertThat(text).endsWith(",\"ops, \"\"night\"\" shift\",,,ERROR,,,,,,,,,,\"reset\r\nby peer\",,,\r\n");
		assertThat(text.split("\r\n", -1)).hasSize(4);
	}

	@Test
	void findingsCsvHasOneRecordPerFindingWithItsEndpoint() throws IOException {
		List<String> lines = lines(write(new FindingsCsv(), ReportFixtures.rows()));

		assertThat(lines).hasSize(ReportFixtures.findingCount() + 1);
		assertThat(lines.getFirst())
			.isEqualTo("run_id,target_id,host,port,protocol,address,owner,rule_id,severity,message,remediation");
		assertThat(lines.subList(1, 3)).containsExactly(
				"42,2,old.example.org,443,https,192.0.2.2,web-team,e_certificate_expired,CRITICAL,"
						+ "Rule e_certificate_expired matched,Renew the certificate",
				"42,2,old.example.org,443,https,192.0.2.2,web-team,w_sha1_signature,WARNING,"
						+ "Rule w_sha1_signature matched,Renew the certificate");
	}

	@Test
	void jsonExportValidatesAgainstItsSchema() throws IOException {
		Path file = write(new JsonReport(), withRealRuleIds(ReportFixtures.rows()));

		assertThat(schema().validate(Files.readString(file), InputFormat.JSON)).isEmpty();
	}

	/** An endpoint that could not be fetched has status ERROR, and its finding severity ERROR. */
	@Test
	void unreachableEndpointsErrorFindingValidatesAgainstTheSchema() throws IOException {
		List<ReportRow> rows = withRealRuleIds(ReportFixtures.rows()).stream()
			.map((row) -> (row.status() != Status.ERROR) ? row
					: row.with(List.of(new FindingView("ERROR_ENDPOINT_UNREACHABLE", Severity.ERROR, "timed out",
							"Check that the host is up")), row.chain()))
			.toList();

		Path file = write(new JsonReport(), rows);

		assertThat(Files.readString(file)).contains("\"rule_id\":\"ERROR_ENDPOINT_UNREACHABLE\",\"severity\":\"ERROR\"");
		assertThat(schema().validate(Files.readString(file), InputFormat.JSON)).isEmpty();
	}

	@Test
	void schemaRefusesAnEndpointWithoutAPropertyOrWithAnUnknownStatus() throws IOException {
		JsonNode document = JSON.readTree(write(new JsonReport(), withRealRuleIds(ReportFixtures.rows())).toFile());
		ObjectNode first = (ObjectNode) document.get("endpoints").get(0);
		first.remove("sha256");
		((ObjectNode) document.get("endpoints").get(1)).put("status", "FINE");

		List<Error> errors = schema().validate(JSON.writeValueAsString(document), InputFormat.JSON);

		assertThat(errors).extracting((error) -> error.getInstanceLocation() + ": " + error.getMessage())
			.containsExactlyInAnyOrder("/endpoints/0: required property 'sha256' not found",
					"/endpoints/1/status: does not have a value in the enumeration [\"ERROR\", \"EXPIRED\", "
							+ "\"NOT_YET_VALID\", \"CRITICAL\", \"WARNING\", \"OK\"]");
	}

	@Test
	void jsonExportHoldsTheRunAndEveryEndpointWithItsFindingsInReportOrder() throws IOException {
		JsonNode document = JSON.readTree(write(new JsonReport(), ReportFixtures.rows()).toFile());

		assertThat(document.get("schema_version").asInt()).isEqualTo(1);
		assertThat(document.get("run").get("run_id").asLong()).isEqualTo(42);
		assertThat(document.get("run").get("started_at").asString()).isEqualTo("2026-05-22T08:00:00Z");
		JsonNode endpoints = document.get("endpoints");
		assertThat(endpoints).hasSize(ReportFixtures.rows().size());
		JsonNode old = endpoints.get(0);
		assertThat(old.get("host").asString()).isEqualTo("old.example.org");
		assertThat(old.get("days_left").asInt()).isEqualTo(-3);
		assertThat(old.get("not_after").asString()).isEqualTo("2026-05-19T12:30:00Z");
		assertThat(old.get("subject_alt_names")).hasSize(2);
		assertThat(old.get("findings").get(1).get("severity").asString()).isEqualTo("WARNING");
		assertThat(old.get("tls_protocol").asString()).isEqualTo("TLSv1.2");
		assertThat(old.get("cipher_suite").asString()).isEqualTo(ReportFixtures.OLD_SUITE);
		assertThat(old.get("key_exchange").asString()).isEqualTo("secp256r1");
		assertThat(endpoints.get(1).get("tls_protocol").asString()).isEqualTo("TLSv1.3");
		JsonNode down = endpoints.get(endpoints.size() - 1);
		assertThat(down.get("days_left").isNull()).isTrue();
		assertThat(down.get("sha256").isNull()).isTrue();
		assertThat(down.get("error").asString()).isEqualTo("connect timed out after 5s");
		// present, and null: the endpoint was never reached
		assertThat(down.get("tls_protocol").isNull()).isTrue();
		assertThat(down.get("cipher_suite").isNull()).isTrue();
		assertThat(down.get("key_exchange").isNull()).isTrue();
	}

	@Test
	void jsonExportNamesTheSettingsTheRunJudgedByWithTheirDigest() throws IOException {
		JsonNode judgement = JSON.readTree(write(new JsonReport(), ReportFixtures.rows()).toFile())
			.get("run")
			.get("judgement");

		assertThat(judgement.get("digest").asString()).isEqualTo("1a2b3c4d5e6f" + "0".repeat(52));
		assertThat(judgement.get("settings").propertyNames()).containsExactly("fetch.handshake-timeout",
				"fetch.retries", "thresholds.critical-days", "thresholds.warning-days", "trust.anchors",
				"revocation.enabled");
		assertThat(judgement.get("settings").get("fetch.handshake-timeout").asString()).isEqualTo("PT10S");
		assertThat(judgement.get("settings").get("trust.anchors").asString())
			.isEqualTo("sha256:0123456789abcdef (147 certificates)");
	}

	/** Present, and null: the run was created before cert-audit recorded the settings it judged by. */
	@Test
	void jsonExportOfARunThatRecordedNoSettingsHasANullJudgementAndValidates() throws IOException {
		Path file = write(new JsonReport(), ReportFixtures.summaryWithoutJudgement(),
				withRealRuleIds(ReportFixtures.rows()));

		JsonNode run = JSON.readTree(file.toFile()).get("run");
		assertThat(run.has("judgement")).isTrue();
		assertThat(run.get("judgement").isNull()).isTrue();
		assertThat(schema().validate(Files.readString(file), InputFormat.JSON)).isEmpty();
	}

	@Test
	void schemaRefusesAJudgementWhoseDigestIsNotSha256() throws IOException {
		JsonNode document = JSON.readTree(write(new JsonReport(), withRealRuleIds(ReportFixtures.rows())).toFile());
		((ObjectNode) document.get("run").get("judgement")).put("digest", "1a2b3c4d5e6f");

		assertThat(schema().validate(JSON.writeValueAsString(document), InputFormat.JSON))
			.extracting((error) -> error.getInstanceLocation().toString())
			.contains("/run/judgement/digest");
	}

	@Test
	void csvColumnsAreNamedLikeTheSchemasProperties() throws IOException {
		JsonNode definitions = JSON.readTree(schemaStream()).get("$defs");
		Set<String> endpoint = propertyNames(definitions.get("endpoint"));
		Set<String> finding = propertyNames(definitions.get("finding"));

		assertThat(lines(write(new EndpointsCsv(), List.of())).getFirst().split(","))
			.allSatisfy((column) -> assertThat(column).isIn(union(endpoint, Set.of("run_id", "rule_ids"))));
		assertThat(lines(write(new FindingsCsv(), List.of())).getFirst().split(","))
			.allSatisfy((column) -> assertThat(column).isIn(union(union(endpoint, finding), Set.of("run_id"))));
	}

	private Path write(ReportDocument document, List<ReportRow> rows) throws IOException {
		return write(document, ReportFixtures.summary(), rows);
	}

	private Path write(ReportDocument document, RunSummary summary, List<ReportRow> rows) throws IOException {
		Path file = this.dir.resolve("export");
		Files.deleteIfExists(file);
		try (document) {
			document.begin(summary, file);
			document.addDiscovery(ReportFixtures.discoveredNames());
			document.addInstallations(ReportFixtures.installations());
			if (!rows.isEmpty()) {
				document.add(rows.subList(0, rows.size() / 2));
				document.add(rows.subList(rows.size() / 2, rows.size()));
			}
			document.finish();
		}
		try (Stream<Path> files = Files.list(this.dir)) {
			assertThat(files).as("no temporary file left").allMatch((f) -> !f.getFileName().toString().startsWith("."));
		}
		return file;
	}

	/** RFC 4180 records end in CRLF; these fixtures have no line break inside a field. */
	private static List<String> lines(Path csv) throws IOException {
		String text = Files.readString(csv, StandardCharsets.UTF_8);
		assertThat(text).endsWith("\r\n");
		return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
	}

	private static List<ReportRow> withRealRuleIds(List<ReportRow> rows) {
		return rows.stream()
			.map((row) -> row.with(row.findings()
				.stream()
				.map((finding) -> new FindingView((finding.severity() == Severity.CRITICAL) ? "CRIT_CERT_EXPIRED"
						: "WARN_CERT_EXPIRING", finding.severity(), finding.message(), finding.remediation()))
				.toList(), row.chain()))
			.toList();
	}

	static Schema schema() throws IOException {
		try (InputStream in = schemaStream()) {
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
		}
	}

	private static InputStream schemaStream() {
		return ExportReportTest.class.getResourceAsStream("/schema/cert-audit-report.schema.json");
	}

	private static Set<String> propertyNames(JsonNode definition) {
		Set<String> names = new HashSet<>();
		definition.get("properties").propertyNames().forEach(names::add);
		return names;
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new HashSet<>(a);
		all.addAll(b);
		return all;
	}

}
