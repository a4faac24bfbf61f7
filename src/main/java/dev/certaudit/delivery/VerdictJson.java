package dev.certaudit.delivery;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.Finding;
import dev.certaudit.report.PendingFile;
import dev.certaudit.report.ReportFormatting;

/**
 * {@code verdict.json}: the check of a delivery for other tools (a change ticket, a pipeline that
 * installs only what is ready). Every property is always present, null when it has no value; properties
 * are only ever added.
 */
final class VerdictJson {

	static final String FILE = "verdict.json";

	/** Raised only if a property is renamed or removed. */
	static final int SCHEMA_VERSION = 1;

	private static final JsonFactory FACTORY = new JsonFactory();

	private VerdictJson() {
	}

	static Path write(Path directory, DeliveryVerdict verdict, List<String> written) throws IOException {
		Path file = directory.resolve(FILE);
		try (PendingFile pending = PendingFile.beside(file)) {
			try (JsonGenerator json = FACTORY.createGenerator(pending.out())) {
				write(json, verdict, written);
			}
			pending.publish();
		}
		return file;
	}

	private static void write(JsonGenerator json, DeliveryVerdict verdict, List<String> written) {
		DeliveredChain chain = verdict.chain();
		X509Certificate leaf = chain.leaf();
		json.writeStartObject();
		json.writeNumberProperty("schema_version", SCHEMA_VERSION);
		instant(json, "checked_at", verdict.checkedAt());
		json.writeStringProperty("delivery", chain.delivery().source().toAbsolutePath().normalize().toString());
		json.writeBooleanProperty("ready", verdict.ready());
		json.writeNumberProperty("exit_code", verdict.exitCode());
		json.writeStringProperty("verdict", verdict.headline());
		strings(json, "problems", verdict.problems());
		strings(json, "notes", verdict.notes());
		json.writeArrayPropertyStart("files");
		for (Map.Entry<String, List<String>> file : verdict.holdings().entrySet()) {
			json.writeStartObject();
			json.writeStringProperty("name", file.getKey());
			strings(json, "holds", file.getValue());
			json.writeEndObject();
		}
		json.writeEndArray();
		json.writeObjectPropertyStart("certificate");
		certificate(json, leaf);
		json.writeStringProperty("key", Certificates.keyDescription(leaf));
		json.writeStringProperty("status", verdict.assessment().status().name());
		json.writeEndObject();
		json.writeObjectPropertyStart("private_key");
		json.writeBooleanProperty("delivered", chain.keyDelivered());
		json.writeBooleanProperty("matches", chain.keyMatches());
		strings(json, "files", chain.keyFiles());
		json.writeEndObject();
		json.writeObjectPropertyStart("chain");
		json.writeBooleanProperty("complete", chain.validation().trusted());
		json.writeStringProperty("summary", verdict.chainLine());
		strings(json, "intermediates", chain.intermediates().stream().map(Certificates::subject).toList());
		json.writeStringProperty("missing_issuer", chain.intermediateMissing() ? chain.validation().detail() : null);
		json.writeStringProperty("aia_url", chain.caIssuersUrl());
		json.writeBooleanProperty("root_sent", chain.root() != null);
		json.writeStringProperty("root", (chain.root() != null) ? Certificates.subject(chain.root()) : null);
		json.writeEndObject();
		json.writeArrayPropertyStart("findings");
		for (Finding finding : verdict.assessment().findings()) {
			json.writeStartObject();
			json.writeStringProperty("rule_id", finding.ruleId().value());
			json.writeStringProperty("severity", finding.severity().name());
			json.writeStringProperty("message", finding.message());
			json.writeStringProperty("remediation", finding.remediation());
			json.writeEndObject();
		}
		json.writeEndArray();
		if (verdict.runId() != null) {
			json.writeNumberProperty("run_id", verdict.runId());
		}
		else {
			json.writeNullProperty("run_id");
		}
		replaced(json, verdict);
		json.writeArrayPropertyStart("places");
		if (verdict.replaced() != null) {
			for (Place place : verdict.replaced().places()) {
				json.writeStartObject();
				json.writeStringProperty("host", place.host());
				json.writeNumberProperty("port", place.port());
				json.writeStringProperty("protocol", place.protocol().name());
				json.writeStringProperty("address", place.address());
				json.writeStringProperty("owner", place.owner());
				json.writeBooleanProperty("covered", place.coveredBy(leaf));
				json.writeEndObject();
			}
		}
		json.writeEndArray();
		comparison(json, verdict.comparison());
		strings(json, "written", written);
		json.writeEndObject();
	}

	private static void certificate(JsonGenerator json, X509Certificate certificate) {
		json.writeStringProperty("subject", Certificates.subject(certificate));
		json.writeStringProperty("issuer", Certificates.issuer(certificate));
		json.writeStringProperty("serial_number", certificate.getSerialNumber().toString(16));
		json.writeStringProperty("sha256", Certificates.sha256(certificate));
		instant(json, "not_before", certificate.getNotBefore().toInstant());
		instant(json, "not_after", certificate.getNotAfter().toInstant());
		strings(json, "subject_alt_names", Certificates.subjectAltNames(certificate));
	}

	private static void replaced(JsonGenerator json, DeliveryVerdict verdict) {
		ReplacedCertificate replaced = verdict.replaced();
		if (replaced == null) {
			json.writeNullProperty("replaces");
			return;
		}
		json.writeObjectPropertyStart("replaces");
		json.writeStringProperty("sha256", replaced.sha256());
		json.writeStringProperty("subject", replaced.served().subject());
		json.writeStringProperty("issuer", replaced.served().issuer());
		instant(json, "not_after", replaced.served().notAfter());
		strings(json, "names", replaced.served().names());
		json.writeStringProperty("chosen", replaced.chosen());
		json.writeNumberProperty("places", replaced.places().size());
		json.writeEndObject();
	}

	private static void comparison(JsonGenerator json, CertificateComparison comparison) {
		if (comparison == null) {
			json.writeNullProperty("comparison");
			return;
		}
		json.writeObjectPropertyStart("comparison");
		strings(json, "names_added", comparison.namesAdded());
		strings(json, "names_dropped", comparison.namesDropped());
		instant(json, "old_not_after", comparison.oldNotAfter());
		instant(json, "new_not_after", comparison.newNotAfter());
		json.writeBooleanProperty("expires_later", comparison.expiresLater());
		json.writeNumberProperty("days_later", comparison.daysLater());
		if (comparison.sameKey() != null) {
			json.writeBooleanProperty("same_key", comparison.sameKey());
		}
		else {
			json.writeNullProperty("same_key");
		}
		json.writeBooleanProperty("issuer_changed", comparison.issuerChanged());
		json.writeStringProperty("old_issuer", comparison.oldIssuer());
		json.writeStringProperty("new_issuer", comparison.newIssuer());
		json.writeEndObject();
	}

	private static void strings(JsonGenerator json, String name, List<String> values) {
		json.writeArrayPropertyStart(name);
		values.forEach(json::writeString);
		json.writeEndArray();
	}

	private static void instant(JsonGenerator json, String name, Instant instant) {
		json.writeStringProperty(name, (instant != null) ? ReportFormatting.isoInstant(instant) : null);
	}

}
