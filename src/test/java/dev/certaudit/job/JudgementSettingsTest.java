package dev.certaudit.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.Pem;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings a run judges by, and how a worker's are told apart from them. */
class JudgementSettingsTest {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Judgement Root");

	private static final IssuedCertificate OTHER_ROOT = CertificateGenerator.root("CN=Other Root");

	@Test
	void sameRootsKeptInAnotherPlaceAndOrderJudgeAlike(@TempDir Path directory) throws Exception {
		Path managers = Files.writeString(directory.resolve("manager-roots.pem"),
				Pem.encode(ROOT.certificate()) + Pem.encode(OTHER_ROOT.certificate()));
		Path workers = Files.writeString(directory.resolve("worker-roots.pem"),
				Pem.encode(OTHER_ROOT.certificate()) + Pem.encode(ROOT.certificate()));

		JudgementSettings manager = judgement(Map.of("cert-audit.trust.extra-store", managers.toString()));
		JudgementSettings worker = judgement(Map.of("cert-audit.trust.extra-store", workers.toString()));

		assertThat(manager.differences(worker)).isEmpty();
		assertThat(manager.digest()).isEqualTo(worker.digest());
	}

	@Test
	void workerWithoutTheRunsExtraRootsDiffersInItsAnchors(@TempDir Path directory) throws Exception {
		Path roots = Files.writeString(directory.resolve("roots.pem"), Pem.encode(ROOT.certificate()));
		JudgementSettings run = judgement(Map.of("cert-audit.trust.extra-store", roots.toString()));

		JudgementSettings worker = judgement(Map.of());

		assertThat(run.differences(worker)).singleElement()
			.asString()
			.matches("trust.anchors: run sha256:\\p{XDigit}{16} \\((\\d+) certificates\\), this process sha256:\\p{XDigit}{16}"
					+ " \\(\\d+ certificates\\)");
	}

	@Test
	void everyJudgingSettingCountsAndRoundTripsThroughItsText() {
		Map<String, String> settings = new HashMap<>();
		settings.put("cert-audit.thresholds.warning-days", "45");
		settings.put("cert-audit.fetch.handshake-timeout", "3s");
		JudgementSettings run = judgement(settings);

		JudgementSettings recorded = JudgementSettings.parse(run.text());

		assertThat(recorded.differences(judgement(Map.of()))).containsExactly(
				"fetch.handshake-timeout: run PT3S, this process PT10S", "thresholds.warning-days: run 45, this process 30");
		assertThat(recorded.digest()).isEqualTo(run.digest());
	}

	@Test
	void concurrencyAndReportSettingsDoNotDecideAVerdict() {
		JudgementSettings run = judgement(Map.of());

		JudgementSettings worker = judgement(Map.of("cert-audit.fetch.concurrency", "16", "cert-audit.reports.formats",
				"csv", "cert-audit.remote.partitions-at-once", "8"));

		assertThat(run.differences(worker)).isEmpty();
	}

	private static JudgementSettings judgement(Map<String, String> settings) {
		return JudgementSettings.of(new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("cert-audit",
				CertAuditProperties.class));
	}

}
