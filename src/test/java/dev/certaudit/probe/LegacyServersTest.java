package dev.certaudit.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.analysis.AnalysisEngine;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.analysis.revocation.StapledResponses;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;

import static dev.certaudit.probe.LoopbackProbes.NO_RETRIES;
import static dev.certaudit.probe.LoopbackProbes.pinned;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servers the JDK's TLS client cannot see, played by {@code openssl s_server}: each must come back
 * with its certificate, and what the handshake showed.
 */
class LegacyServersTest {

	private static final String HOST = "appliance.example.test";

	private static final Instant NOT_AFTER = Instant.now().plus(Duration.ofDays(12)).truncatedTo(ChronoUnit.SECONDS);

	private static final IssuedCertificate ROOT = CertificateGenerator.root("CN=Legacy Test Root");

	private static final IssuedCertificate RSA_LEAF = CertificateGenerator.certificate("CN=" + HOST)
		.issuedBy(ROOT)
		.dnsNames(HOST)
		.keyPair(CertificateGenerator.rsaKeyPair(2048))
		.validFrom(NOT_AFTER.minus(Duration.ofDays(90)))
		.validUntil(NOT_AFTER)
		.build();

	@TempDir
	Path folder;

	@Test
	void tlsOneZeroApplianceWithAWeakOldCertificateIsSeenAndJudged() throws Exception {
		IssuedCertificate appliance = CertificateGenerator.certificate("CN=" + HOST)
			.issuedBy(ROOT)
			.dnsNames(HOST)
			.keyPair(CertificateGenerator.rsaKeyPair(1024))
			.signatureAlgorithm("SHA1withECDSA")
			.validFrom(NOT_AFTER.minus(Duration.ofDays(3650)))
			.validUntil(NOT_AFTER)
			.build();

		ProbeResult result = fetch(appliance, "-tls1", "-cipher", "DEFAULT:@SECLEVEL=0");

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.tlsProtocol()).isEqualTo("TLSv1");
		assertThat(result.chain().getFirst().getNotAfter().toInstant()).isEqualTo(NOT_AFTER);
		List<String> findings = new AnalysisEngine(Thresholds.DEFAULTS, TrustAnchors.of(Set.of(ROOT.certificate())))
			.assess(HOST, result, Instant.now())
			.findings()
			.stream()
			.map((finding) -> finding.ruleId().value())
			.toList();
		assertThat(findings).contains("CRIT_KEY_WEAK", "CRIT_SIGNATURE_WEAK", "WARN_CERT_EXPIRING");
	}

	@Test
	void tlsOneOneOnlyServerIsSeen() throws Exception {
		ProbeResult result = fetch(RSA_LEAF, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.tlsProtocol()).isEqualTo("TLSv1.1");
		assertThat(result.chain().getFirst().getNotAfter().toInstant()).isEqualTo(NOT_AFTER);
	}

	@Test
	void rsaKeyTransportOnlyServerIsSeenWithItsKeyExchange() throws Exception {
		ProbeResult result = fetch(RSA_LEAF, "-tls1_2", "-cipher", "AES256-GCM-SHA384");

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.cipherSuite()).isEqualTo("TLS_RSA_WITH_AES_256_GCM_SHA384");
		assertThat(result.handshake().keyExchange()).isEqualTo(new KeyExchange(KeyExchange.RSA, 2048));
		assertThat(result.chain().getFirst().getNotAfter().toInstant()).isEqualTo(NOT_AFTER);
	}

	@Test
	void serverThatDemandsAClientCertificateIsJudgedOnTheChainItSentFirst() throws Exception {
		ProbeResult result = fetch(RSA_LEAF, "-tls1_2", "-Verify", "1");

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.chain().getFirst().getNotAfter().toInstant()).isEqualTo(NOT_AFTER);
		assertThat(result.handshake()).as(result.toString()).extracting(Handshake::clientCertificateRequested).isEqualTo(true);
		assertThat(result.handshake().failedAfterChain()).isNotBlank();
		assertThat(result.handshake().keyExchange().group()).isIn("x25519", "secp256r1");
	}

	@Test
	void dheWithAThousandBitGroupIsSeenWithItsGroup() throws Exception {
		// RFC 2409's 1024-bit group, the one old Apache and appliance defaults shipped
		DHParameters group = DHStandardGroups.rfc2409_1024;
		Path dhparam = Files.writeString(this.folder.resolve("dh1024.pem"), "-----BEGIN DH PARAMETERS-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' })
					.encodeToString(new DHParameter(group.getP(), group.getG(), 0).getEncoded())
				+ "\n-----END DH PARAMETERS-----\n");

		ProbeResult result = fetch(RSA_LEAF, "-tls1_2", "-cipher", "DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0", "-dhparam",
				dhparam.toString());

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.handshake().keyExchange()).isEqualTo(new KeyExchange(KeyExchange.CUSTOM_DH, 1024));
	}

	@Test
	void thirteenCertificatesAreAllKept() throws Exception {
		IssuedCertificate intermediate = CertificateGenerator.intermediate("CN=Legacy Issuing CA", ROOT);
		IssuedCertificate leaf = CertificateGenerator.server(HOST, intermediate, 12);
		List<X509Certificate> sent = new ArrayList<>(List.of(intermediate.certificate()));
		for (int i = 1; i <= 11; i++) {
			sent.add(CertificateGenerator.root("CN=Stray CA " + i).certificate());
		}
		Path bundle = OpensslServer.pem(this.folder.resolve("bundle.pem"), sent.toArray(X509Certificate[]::new));

		ProbeResult result = fetch(leaf, "-cert_chain", bundle.toString());

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.chain()).hasSize(13).first().isEqualTo(leaf.certificate());
	}

	@Test
	void stapledRevokedResponseIsCriticalThoughRevocationCheckingIsOff() throws Exception {
		IssuedCertificate intermediate = CertificateGenerator.intermediate("CN=Legacy Issuing CA", ROOT);
		IssuedCertificate leaf = CertificateGenerator.server(HOST, intermediate, 40);
		Instant revokedAt = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
		Path staple = Files.write(this.folder.resolve("staple.der"), StapledResponses.revoked(intermediate,
				leaf.certificate(), revokedAt, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(2))));

		ProbeResult result = fetch(leaf, "-cert_chain",
				OpensslServer.pem(this.folder.resolve("issuer.pem"), intermediate.certificate()).toString(), "-status_file",
				staple.toString());

		assertThat(result.handshake().stapledOcsp()).isNotNull();
		List<Finding> findings = new AnalysisEngine(Thresholds.DEFAULTS, TrustAnchors.of(Set.of(ROOT.certificate())))
			.assess(HOST, result, Instant.now())
			.findings();
		assertThat(findings).filteredOn((finding) -> finding.ruleId().value().equals("CRIT_CERT_REVOKED"))
			.singleElement()
			.satisfies((finding) -> assertThat(finding.message()).isEqualTo("revoked on " + revokedAt
					+ " (reason: keyCompromise, according to stapled OCSP response)"));
	}

	@Test
	void dualCertificateServerShowsItsRsaCertificateToASecondLook() throws Exception {
		IssuedCertificate ecdsa = CertificateGenerator.server(HOST, ROOT, 200);
		Path rsaCertificate = OpensslServer.pem(this.folder.resolve("rsa.pem"), RSA_LEAF.certificate());
		Path rsaKey = OpensslServer.key(this.folder.resolve("rsa.key"), RSA_LEAF);
		List<String> args = List.of("-cert", OpensslServer.pem(this.folder.resolve("ecdsa.pem"), ecdsa.certificate()).toString(),
				"-key", OpensslServer.key(this.folder.resolve("ecdsa.key"), ecdsa).toString(), "-dcert",
				rsaCertificate.toString(), "-dkey", rsaKey.toString());
		try (OpensslServer server = OpensslServer.start(args);
				CertificateFetcher fetcher = new CertificateFetcher(
						new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), NO_RETRIES))) {
			ProbeResult first = fetcher.fetch(pinned(HOST, server.port()));
			ProbeResult rsa = fetcher.rsaSecondLook(pinned(HOST, server.port()), first).orElseThrow();

			assertThat(first.chain().getFirst()).isEqualTo(ecdsa.certificate());
			assertThat(rsa.chain().getFirst()).isEqualTo(RSA_LEAF.certificate());
			assertThat(rsa.chain().getFirst().getNotAfter().toInstant()).isEqualTo(NOT_AFTER);
		}
	}

	@Test
	void nameWithAnUnderscoreIsSentAsSni() throws Exception {
		String name = "my_app.example.test";
		IssuedCertificate named = CertificateGenerator.server(name, ROOT, 40);

		ProbeResult result = fetchAs(name, RSA_LEAF, "-servername", name, "-cert2",
				OpensslServer.pem(this.folder.resolve("named.pem"), named.certificate()).toString(), "-key2",
				OpensslServer.key(this.folder.resolve("named.key"), named).toString());

		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.chain().getFirst()).isEqualTo(named.certificate());
		assertThat(result.handshake().serverNameSent()).isTrue();
	}

	private ProbeResult fetch(IssuedCertificate leaf, String... configuration) throws Exception {
		return fetchAs(HOST, leaf, configuration);
	}

	private ProbeResult fetchAs(String name, IssuedCertificate leaf, String... configuration) throws Exception {
		List<String> args = new ArrayList<>(List.of("-cert",
				OpensslServer.pem(this.folder.resolve("leaf.pem"), leaf.certificate()).toString(), "-key",
				OpensslServer.key(this.folder.resolve("leaf.key"), leaf).toString()));
		args.addAll(List.of(configuration));
		try (OpensslServer server = OpensslServer.start(args);
				CertificateFetcher fetcher = new CertificateFetcher(
						new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10), NO_RETRIES))) {
			return fetcher.fetch(pinned(name, server.port()));
		}
	}

}
