package dev.certaudit.report.json;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

import dev.certaudit.history.RunJudgement;
import dev.certaudit.report.FindingView;
import dev.certaudit.report.PendingFile;
import dev.certaudit.report.ReportDocument;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.RunSummary;

/**
 * {@code cert-audit-<date>.json}: the run and every endpoint with its findings, for other tools. The
 * schema is {@code schema/cert-audit-report.schema.json} on the class path (in the repository under
 * {@code src/main/resources}); properties are never renamed or removed, only added, and every one is
 * always present, null when it has no value. Findings sit inside their endpoint, so the document is
 * written in one pass with Jackson's streaming generator however many endpoints there are.
 */
public final class JsonReport implements ReportDocument {

	/** Raised only if a property is renamed or removed; added properties keep the version. */
	public static final int SCHEMA_VERSION = 1;

	private static final JsonFactory FACTORY = new JsonFactory();

	private PendingFile pending;

	private JsonGenerator json;

	@Override
	public void begin(RunSummary summary, Path file) throws IOException {
		this.pending = PendingFile.beside(file);
		this.json = FACTORY.createGenerator(this.pending.out());
		this.json.writeStartObject();
		this.json.writeNumberProperty("schema_version", SCHEMA_VERSION);
		this.json.writeObjectPropertyStart("run");
		this.json.writeNumberProperty("run_id", summary.runId());
		this.json.writeStringProperty("organisation", summary.organisation().isBlank() ? null : summary.organisation());
		instant("started_at", summary.startedAt());
		instant("generated_at", summary.generatedAt());
		this.json.writeArrayPropertyStart("inventories");
		for (String inventory : summary.inventories()) {
			this.json.writeString(inventory);
		}
		this.json.writeEndArray();
		judgement(summary.judgement());
		this.json.writeEndObject();
		this.json.writeArrayPropertyStart("endpoints");
	}

	@Override
	public void add(List<ReportRow> rows) {
		for (ReportRow row : rows) {
			this.json.writeStartObject();
			this.json.writeNumberProperty("target_id", row.targetId());
			this.json.writeStringProperty("host", row.host());
			this.json.writeNumberProperty("port", row.port());
			this.json.writeStringProperty("protocol", row.protocol());
			this.json.writeStringProperty("address", row.address());
			this.json.writeStringProperty("owner", row.owner());
			this.json.writeStringProperty("contact", row.contact());
			this.json.writeStringProperty("labels", row.labels());
			this.json.writeStringProperty("status", row.status().name());
			if (row.daysLeft() != null) {
				this.json.writeNumberProperty("days_left", row.daysLeft());
			}
			else {
				this.json.writeNullProperty("days_left");
			}
			instant("not_before", row.notBefore());
			instant("not_after", row.notAfter());
			this.json.writeStringProperty("subject", row.subject());
			this.json.writeStringProperty("issuer", row.issuer());
			this.json.writeArrayPropertyStart("subject_alt_names");
			for (String name : row.subjectAltNames()) {
				this.json.writeString(name);
			}
			this.json.writeEndArray();
			this.json.writeStringProperty("serial_number", row.serialNumber());
			this.json.writeStringProperty("sha256", row.sha256());
			this.json.writeStringProperty("error", row.error());
			this.json.writeStringProperty("tls_protocol", row.tlsProtocol());
			this.json.writeStringProperty("cipher_suite", row.cipherSuite());
			this.json.writeStringProperty("key_exchange", row.keyExchange());
			this.json.writeArrayPropertyStart("findings");
			for (FindingView finding : row.findings()) {
				this.json.writeStartObject();
				this.json.writeStringProperty("rule_id", finding.ruleId());
				this.json.writeStringProperty("severity", finding.severity().name());
				this.json.writeStringProperty("message", finding.message());
				this.json.writeStringProperty("remediation", finding.remediation());
				this.json.writeEndObject();
			}
			this.json.writeEndArray();
			this.json.writeEndObject();
		}
	}

	/** The settings by name, each value the text the run recorded; null for a run that recorded none. */
	private void judgement(RunJudgement judgement) {
		if (judgement == null) {
			this.json.writeNullProperty("judgement");
			return;
		}
		this.json.writeObjectPropertyStart("judgement");
		this.json.writeStringProperty("digest", judgement.digest());
		this.json.writeObjectPropertyStart("settings");
		for (RunJudgement.Setting setting : judgement.settings()) {
			this.json.writeStringProperty(setting.name(), setting.value());
		}
		this.json.writeEndObject();
		this.json.writeEndObject();
	}

	private void instant(String name, Instant instant) {
		this.json.writeStringProperty(name, (instant != null) ? ReportFormatting.isoInstant(instant) : null);
	}

	@Override
	public void finish() throws IOException {
		try {
			this.json.writeEndArray();
			this.json.writeEndObject();
			this.json.close();
			this.pending.publish();
		}
		finally {
			close();
		}
	}

	@Override
	public void close() {
		if (this.pending != null) {
			this.pending.close();
			this.pending = null;
		}
	}

}
