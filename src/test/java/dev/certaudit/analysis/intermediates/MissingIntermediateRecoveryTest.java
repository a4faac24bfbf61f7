package dev.certaudit.analysis.intermediates;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.analysis.AnalysisEngine;
import dev.certaudit.analysis.Assessment;
import dev.certaudit.analysis.ChainValidator;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.MisbehavingHttpServer;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.Pem;
import dev.certaudit.probe.ProbeOutcome;
import dev.certaudit.probe.ProbeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MissingIntermediateRecoveryTest {

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Recovery Root");

	private static final IssuedCertificate INTERMEDIATE = CertificateGenerator.intermediate("CN=Recovery Issuing CA",
			ROOT);

	private static final String FAILING = "fails for Java, mail clients, API clients, Firefox";

	private HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private volatile byte[] served;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/issuer.cer", (exchange) -> {
			this.requests.incrementAndGet();
			byte[] body = this.served;
			if (body == null) {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
				return;
			}
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void chainMissingItsIntermediateIsCompletedFromTheLocalBundle(@TempDir Path folder) throws Exception {
		Files.writeString(folder.resolve("issuing-ca.pem"), Pem.encode(INTERMEDIATE.certificate()));
		Files.writeString(folder.resolve("notes.txt"), "not a certificate, and not read");
		X509Certificate leaf = leaf(null);

		Finding finding = missingIntermediate(lookup(Map.of("cert-audit.trust.intermediates", folder.toString())), leaf);

		assertThat(finding.message()).isEqualTo(
				"the server did not send the certificate of issuer CN=Recovery Issuing CA; missing intermediate, "
						+ "not recoverable: the certificate names no AIA caIssuers URL; "
						+ "the chain completes with CN=Recovery Issuing CA");
		assertThat(finding.remediation()).startsWith("Install the full chain on the server");
	}

	@Test
	void chainThatNothingCompletesIsNotRecoverable(@TempDir Path folder) throws Exception {
		IssuedCertificate stranger = CertificateGenerator.intermediate("CN=Recovery Issuing CA",
				CertificateGenerator.root("CN=Another Root"));
		Path bundle = folder.resolve("bundle.der");
		Files.write(bundle, stranger.certificate().getEncoded());
		this.served = stranger.certificate().getEncoded();
		X509Certificate leaf = leaf(url());

		Finding finding = missingIntermediate(lookup(Map.of("cert-audit.trust.intermediates", bundle.toString(),
				"cert-audit.trust.fetch-aia", "true")), leaf);

		assertThat(finding.message()).isEqualTo(
				"the server did not send the certificate of issuer CN=Recovery Issuing CA; missing intermediate, "
						+ "not recoverable: " + url() + " serves no certificate that completes the chain");
	}

	@Test
	void intermediateServedAtTheAiaUrlIsRecoverableByClientsThatFetchIt() throws Exception {
		this.served = INTERMEDIATE.certificate().getEncoded();
		X509Certificate leaf = leaf(url());
		IntermediateLookup lookup = lookup(Map.of("cert-audit.trust.fetch-aia", "true"));

		Finding finding = missingIntermediate(lookup, leaf);
		missingIntermediate(lookup, leaf);

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CHAIN_MISSING_INTERMEDIATE");
		assertThat(finding.message()).isEqualTo(
				"the server did not send the certificate of issuer CN=Recovery Issuing CA; missing intermediate, "
						+ "recoverable by clients that fetch AIA (some browsers) from " + url() + "; " + FAILING
						+ "; the chain completes with CN=Recovery Issuing CA");
		assertThat(this.requests).as("one request per URL and run").hasValue(1);
	}

	@Test
	void pkcs7BundleAtTheAiaUrlIsRead() throws Exception {
		this.served = CertificateFactory.getInstance("X.509")
			.generateCertPath(List.of(INTERMEDIATE.certificate()))
			.getEncoded("PKCS7");

		Finding finding = missingIntermediate(lookup(Map.of("cert-audit.trust.fetch-aia", "true")), leaf(url()));

		assertThat(finding.message()).contains("recoverable by clients that fetch AIA (some browsers) from " + url());
	}

	@Test
	void aiaUrlThatFailsMakesTheIntermediateUnrecoverable() throws Exception {
		Finding finding = missingIntermediate(
				lookup(Map.of("cert-audit.trust.fetch-aia", "true", "cert-audit.trust.aia-timeout", "2s")), leaf(url()));

		assertThat(finding.message()).endsWith("not recoverable: " + url() + ": HTTP status 404");
	}

	@Test
	@Timeout(30)
	void aiaUrlThatDripsItsAnswerMakesTheIntermediateUnrecoverableOnceTheTimeoutPasses() throws Exception {
		try (MisbehavingHttpServer dripping = MisbehavingHttpServer.dripping()) {
			String url = dripping.url("/issuer.cer");

			Finding finding = missingIntermediate(
					lookup(Map.of("cert-audit.trust.fetch-aia", "true", "cert-audit.trust.aia-timeout", "500ms")),
					leaf(url));

			assertThat(finding.message()).endsWith("not recoverable: " + url + ": no complete answer within 500 ms");
			assertThat(dripping.clientHungUp(Duration.ofSeconds(20))).as("the connection was closed").isTrue();
		}
	}

	@Test
	@Timeout(30)
	void aiaAnswerLargerThanAnyIssuerBundleIsRefused() throws Exception {
		try (MisbehavingHttpServer huge = MisbehavingHttpServer.answering(256 * 1024 + 1)) {
			String url = huge.url("/issuer.cer");

			Finding finding = missingIntermediate(lookup(Map.of("cert-audit.trust.fetch-aia", "true")), leaf(url));

			assertThat(finding.message()).endsWith("not recoverable: " + url + ": answer larger than 262144 bytes");
		}
	}

	@Test
	void aiaIsNotFetchedByDefault() throws Exception {
		this.served = INTERMEDIATE.certificate().getEncoded();

		Finding finding = missingIntermediate(lookup(Map.of()), leaf(url()));

		assertThat(this.requests).hasValue(0);
		assertThat(finding.message()).isEqualTo(
				"the server did not send the certificate of issuer CN=Recovery Issuing CA; missing intermediate, "
						+ "recoverable by clients that fetch AIA (some browsers) only if " + url()
						+ " serves it (not fetched: cert-audit.trust.fetch-aia is off); " + FAILING);
	}

	/**
	 * A Kubernetes volume (Secret, ConfigMap) holds its keys as links into a hidden folder of the current
	 * version: {@code ca.pem -> ..data/ca.pem}, {@code ..data -> ..2026_12_01_02_15_00.1}.
	 */
	@Test
	void intermediatesFolderMountedFromAKubernetesVolumeIsReadOncePerCertificate(@TempDir Path folder)
			throws IOException {
		Path version = Files.createDirectory(folder.resolve("..2026_12_01_02_15_00.1"));
		Files.writeString(version.resolve("issuing-ca.pem"), Pem.encode(INTERMEDIATE.certificate()));
		Files.createSymbolicLink(folder.resolve("..data"), version.getFileName());
		Files.createSymbolicLink(folder.resolve("issuing-ca.pem"), Path.of("..data", "issuing-ca.pem"));

		assertThat(IntermediateBundle.read(folder).withSubject(INTERMEDIATE.certificate().getSubjectX500Principal()))
			.containsExactly(INTERMEDIATE.certificate());
	}

	@Test
	void intermediatesSettingThatHoldsNoCertificateIsRefused(@TempDir Path folder) throws IOException {
		Files.writeString(folder.resolve("empty.pem"), "");

		assertThatIllegalArgumentException().isThrownBy(() -> IntermediateBundle.read(folder))
			.withMessage("cert-audit.trust.intermediates: " + folder + " holds no certificates");
		assertThatIllegalArgumentException().isThrownBy(() -> IntermediateBundle.read(folder.resolve("missing")))
			.withMessageContaining("is neither a file nor a folder");
	}

	private String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/issuer.cer";
	}

	private static X509Certificate leaf(String caIssuersUrl) {
		CertificateGenerator leaf = CertificateGenerator.certificate("CN=shop.example.test")
			.issuedBy(INTERMEDIATE)
			.dnsNames("shop.example.test");
		if (caIssuersUrl != null) {
			leaf.caIssuersUrl(caIssuersUrl);
		}
		return leaf.build().certificate();
	}

	private static IntermediateLookup lookup(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings))
			.bindOrCreate("cert-audit", CertAuditProperties.class)
			.trust()
			.intermediateLookup();
	}

	private static Finding missingIntermediate(IntermediateLookup lookup, X509Certificate leaf) {
		AnalysisEngine engine = new AnalysisEngine(Thresholds.DEFAULTS, new ChainValidator(
				TrustAnchors.of(Set.of(ROOT.certificate())), lookup, ChainValidator.DEFAULT_MAX_INTERMEDIATES), null);
		Assessment assessment = engine.assess("shop.example.test", new ProbeResult("127.0.0.1", ProbeOutcome.FETCHED, null,
				List.of(leaf), "TLSv1.3", "TLS_AES_128_GCM_SHA256", Instant.now(), 5),
				Instant.now());
		return assessment.findings()
			.stream()
			.filter((finding) -> finding.ruleId().value().equals("CRIT_CHAIN_MISSING_INTERMEDIATE"))
			.findFirst()
			.orElseThrow();
	}

}
