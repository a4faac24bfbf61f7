package dev.certaudit.job;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import dev.certaudit.analysis.AnalysisEngine;
import dev.certaudit.analysis.AssessedTarget;
import dev.certaudit.analysis.Assessment;
import dev.certaudit.analysis.Thresholds;
import dev.certaudit.analysis.TrustAnchors;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.probe.Handshake;
import dev.certaudit.probe.KeyExchange;
import dev.certaudit.probe.Pem;
import dev.certaudit.probe.ProbeOutcome;
import dev.certaudit.probe.ProbeResult;
import dev.certaudit.probe.ProbedTarget;

/**
 * What fetchAndAnalyse leaves for each target of an estate of a given shape, without a network: chains
 * made once per kind of endpoint and judged once each by the real rule engine, dealt out to targets in a
 * fixed mix. {@link DatabaseWriteRate} has the real step write them, so it times the database's share of
 * an audit and nothing else.
 */
final class AuditedEstate {

	/** Distinct certificates per kind of endpoint, so that rows differ as a real estate's do. */
	private static final int CERTIFICATES_PER_KIND = 16;

	private static final Handshake TLS13 = new Handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256",
			new KeyExchange("x25519", 255), true, false, null, null);

	private final String name;

	private final String description;

	private final List<Kind> kinds;

	private AuditedEstate(String name, String description, List<Kind> kinds) {
		if (kinds.stream().mapToInt(Kind::perMille).sum() != 1000) {
			throw new IllegalArgumentException(name + ": the kinds' shares must make 1000 per mille");
		}
		this.name = name;
		this.description = description;
		this.kinds = List.copyOf(kinds);
	}

	static AuditedEstate named(String name) {
		return switch (name) {
			case "farm" -> farm();
			case "public-ca" -> publicCa();
			default -> throw new IllegalArgumentException("no estate " + name + "; there are farm and public-ca");
		};
	}

	/**
	 * The benchmark's loopback farm (bench/TlsFarm): leaf and issuing CA, ECDSA and RSA leaves alternately,
	 * 2% black holes, 1% closed ports, and days left spread evenly over -10 to 390, which makes 2.5% expired,
	 * 2% within the critical 7 days and 5.75% more within the warning 30.
	 */
	static AuditedEstate farm() {
		Instant now = Instant.now();
		IssuedCertificate root = CertificateGenerator.root("CN=cert-audit Bench Root");
		IssuedCertificate issuer = CertificateGenerator.intermediate("CN=cert-audit Bench Issuing CA", root);
		KeyPair ecKey = CertificateGenerator.ecKeyPair();
		KeyPair rsaKey = CertificateGenerator.rsaKeyPair(2048);
		AnalysisEngine engine = engine(root);
		IntFunction<IntFunction<List<X509Certificate>>> expiringIn = (daysLeft) -> (i) -> {
			String host = "farm-" + i + ".bench.test";
			IssuedCertificate leaf = CertificateGenerator.certificate("CN=" + host)
				.dnsNames(host)
				.issuedBy(issuer)
				.keyPair((i % 2 == 0) ? ecKey : rsaKey)
				.validFrom(now.minus(Duration.ofDays(397 - daysLeft)))
				.validUntil(now.plus(Duration.ofDays(daysLeft)).plus(Duration.ofHours(1)))
				.build();
			return List.of(leaf.certificate(), issuer.certificate());
		};
		return new AuditedEstate("farm", "the loopback farm's: leaf and issuing CA, ECDSA or RSA leaf, no"
				+ " AIA, CRL or SCTs; 3% unreachable, 10% expired or expiring within 30 days",
				List.of(unreachable(engine, now, ProbeOutcome.STALLED, "Read timed out", 20),
						unreachable(engine, now, ProbeOutcome.REFUSED, "Connection refused", 10),
						fetched("expired", engine, now, "farm-%d.bench.test", 25, expiringIn.apply(-5)),
						fetched("critical", engine, now, "farm-%d.bench.test", 20, expiringIn.apply(3)),
						fetched("warning", engine, now, "farm-%d.bench.test", 57, expiringIn.apply(20)),
						fetched("ok", engine, now, "farm-%d.bench.test", 868, expiringIn.apply(200))));
	}

	/**
	 * Chains as public CAs issue them: RSA-2048 leaf with eight names, OCSP and CA issuers URLs, a CRL
	 * distribution point and embedded SCTs, and its RSA-2048 issuing CA; and an estate that needs more
	 * care than the farm, about one finding per endpoint: 5% unreachable, and of the rest a share whose
	 * certificate expires within 30 days, also names other hosts, or also runs longer than 398 days. The
	 * SCT extension is an empty list, where a real one holds two or three SCTs of about 120 bytes each.
	 */
	static AuditedEstate publicCa() {
		Instant now = Instant.now();
		KeyPair rootKey = CertificateGenerator.rsaKeyPair(4096);
		KeyPair issuerKey = CertificateGenerator.rsaKeyPair(2048);
		KeyPair leafKey = CertificateGenerator.rsaKeyPair(2048);
		IssuedCertificate root = CertificateGenerator.certificate("CN=Bench Public Root R1,O=Bench Trust Services,C=NL")
			.keyPair(rootKey)
			.certificateAuthority()
			.validFrom(now.minus(Duration.ofDays(3650)))
			.validUntil(now.plus(Duration.ofDays(3650)))
			.build();
		IssuedCertificate issuer = CertificateGenerator
			.certificate("CN=Bench Public TLS RSA CA 2025,O=Bench Trust Services,C=NL")
			.keyPair(issuerKey)
			.issuedBy(root)
			.certificateAuthority()
			.ocspUrl("http://127.0.0.1:9/ocsp/bench-public-root-r1")
			.caIssuersUrl("http://127.0.0.1:9/certs/bench-public-root-r1.crt")
			.crlDistributionPoint("http://127.0.0.1:9/crl/bench-public-root-r1.crl")
			.validFrom(now.minus(Duration.ofDays(400)))
			.validUntil(now.plus(Duration.ofDays(1800)))
			.build();
		AnalysisEngine engine = engine(root);
		// a defect more with each level: expiring within 30 days, names that do not cover the host, too long a life
		IntFunction<IntFunction<List<X509Certificate>>> withDefects = (defects) -> (i) -> {
			String site = (defects >= 2) ? "legacy-" + i + ".elsewhere.test" : "www-" + i + ".estate.test";
			int daysLeft = (defects >= 1) ? 20 : 200;
			int lifetime = (defects >= 3) ? 825 : 397;
			Instant notAfter = now.plus(Duration.ofDays(daysLeft)).plus(Duration.ofHours(1));
			IssuedCertificate leaf = CertificateGenerator.certificate("CN=" + site)
				.keyPair(leafKey)
				.issuedBy(issuer)
				.dnsNames(site, site.replaceFirst("^[^.]*\\.", ""), site.replaceFirst("^[^.]*\\.", "*."))
				.dnsNames(Stream.of("api", "auth", "static", "mail", "portal")
					.map((service) -> site.replaceFirst("^[a-z]+-", service + "-"))
					.toArray(String[]::new))
				.ocspUrl("http://127.0.0.1:9/ocsp/bench-public-tls-rsa-ca-2025")
				.caIssuersUrl("http://127.0.0.1:9/certs/bench-public-tls-rsa-ca-2025.crt")
				.crlDistributionPoint("http://127.0.0.1:9/crl/bench-public-tls-rsa-ca-2025/7.crl")
				.embeddedScts()
				.validFrom(notAfter.minus(Duration.ofDays(lifetime)))
				.validUntil(notAfter)
				.build();
			return List.of(leaf.certificate(), issuer.certificate());
		};
		return new AuditedEstate("public-ca", "public CAs': leaf and issuing CA, RSA-2048 both, eight names, AIA,"
				+ " CRL and SCTs; 5% unreachable, more than half of the rest with one to three findings",
				List.of(unreachable(engine, now, ProbeOutcome.TIMEOUT, "Connect timed out", 50),
						fetched("ok", engine, now, "www-%d.estate.test", 420, withDefects.apply(0)),
						fetched("expiring", engine, now, "www-%d.estate.test", 230, withDefects.apply(1)),
						fetched("expiring, other names", engine, now, "www-%d.estate.test", 180, withDefects.apply(2)),
						fetched("expiring, other names, too long", engine, now, "www-%d.estate.test", 120,
								withDefects.apply(3))));
	}

	String name() {
		return this.name;
	}

	String description() {
		return this.description;
	}

	/** The target as fetchAndAnalyse would leave it; the same target always gets the same endpoint. */
	AuditedTarget audit(AuditTarget target) {
		SplittableRandom random = new SplittableRandom(target.targetId());
		int slot = random.nextInt(1000);
		Kind kind = null;
		for (Kind k : this.kinds) {
			kind = k;
			slot -= k.perMille();
			if (slot < 0) {
				break;
			}
		}
		Endpoint endpoint = kind.endpoints().get(random.nextInt(kind.endpoints().size()));
		ProbeResult p = endpoint.probe();
		ProbeResult probe = new ProbeResult(target.target().address(), p.outcome(), p.detail(), p.chain(),
				p.handshake(), Instant.now(), p.durationMillis(), null, p.attempts());
		return new AuditedTarget(List.of(new ProbedTarget(target, probe)),
				List.of(new AssessedTarget(target.runId(), target.targetId(), endpoint.assessment())));
	}

	/** Findings per endpoint, on average over the mix. */
	double findingsPerEndpoint() {
		return average((e) -> e.assessment().findings().size());
	}

	/** Characters of the presented chain as PEM, what probe_result.chain_pem holds, on average over the mix. */
	double chainPemPerEndpoint() {
		return average((e) -> e.probe().chain().isEmpty() ? 0 : Pem.join(e.probe().chain()).length());
	}

	private double average(java.util.function.ToDoubleFunction<Endpoint> measure) {
		return this.kinds.stream()
			.mapToDouble((k) -> k.perMille() / 1000.0 * k.endpoints().stream().mapToDouble(measure).average().orElseThrow())
			.sum();
	}

	private static AnalysisEngine engine(IssuedCertificate root) {
		return new AnalysisEngine(Thresholds.DEFAULTS, TrustAnchors.of(Set.of(root.certificate())));
	}

	private static Kind unreachable(AnalysisEngine engine, Instant now, ProbeOutcome outcome, String detail,
			int perMille) {
		// retried as the fetcher does by default: three more attempts after the first
		ProbeResult probe = new ProbeResult(null, outcome, detail, List.of(), null, now, 5000, null, 4);
		return new Kind(outcome.name().toLowerCase(), perMille,
				List.of(new Endpoint(probe, engine.assess("unreachable.estate.test", probe, now))));
	}

	private static Kind fetched(String name, AnalysisEngine engine, Instant now, String hostPattern, int perMille,
			IntFunction<List<X509Certificate>> chains) {
		List<Endpoint> endpoints = new ArrayList<>();
		for (int i = 0; i < CERTIFICATES_PER_KIND; i++) {
			ProbeResult probe = new ProbeResult(null, ProbeOutcome.FETCHED, null, chains.apply(i), TLS13, now, 120, null,
					1);
			Assessment assessment = engine.assess(hostPattern.formatted(i), probe, now);
			endpoints.add(new Endpoint(probe, assessment));
		}
		return new Kind(name, perMille, endpoints);
	}

	/** Endpoints of one kind, and their share of the estate. */
	private record Kind(String name, int perMille, List<Endpoint> endpoints) {
	}

	/** What one endpoint presented and the verdict on it. */
	private record Endpoint(ProbeResult probe, Assessment assessment) {
	}

}
