package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Evidence;
import dev.certaudit.analysis.revocation.RevocationStatus;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.probe.Handshake;
import dev.certaudit.probe.ProbeOutcome;

/** Evidence records for rule tests, judged at a fixed instant so messages are exact. */
final class Evidences {

	/** Whole seconds, as X.509 validity dates are. */
	static final Instant NOW = Instant.parse("2026-05-22T08:00:00Z");

	static final String HOST = "www.example.test";

	private Evidences() {
	}

	/** A leaf for {@link #HOST} with the given validity, issued by a throwaway CA. */
	static X509Certificate leaf(Instant notBefore, Instant notAfter) {
		return CertificateGenerator.certificate("CN=" + HOST)
			.issuedBy(CertificateGenerator.root("CN=Rule Test Root"))
			.dnsNames(HOST)
			.validFrom(notBefore)
			.validUntil(notAfter)
			.build()
			.certificate();
	}

	/** A leaf for {@link #HOST} issued by {@code issuer}, with what {@code variant} changes (a key, an algorithm). */
	static X509Certificate leaf(IssuedCertificate issuer, UnaryOperator<CertificateGenerator> variant) {
		return variant.apply(CertificateGenerator.certificate("CN=" + HOST).issuedBy(issuer).dnsNames(HOST))
			.build()
			.certificate();
	}

	/** A fetched, trusted leaf whose handshake showed this. */
	static Evidence handshake(Handshake handshake) {
		return fetched(leaf(NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80))), ChainValidation.TRUSTED)
			.withHandshake(handshake, null);
	}

	/** A trusted leaf that expires this long after {@link #NOW}, valid for 90 days. */
	static Evidence expiringAfter(Duration left) {
		Instant notAfter = NOW.plus(left);
		return fetched(leaf(notAfter.minus(Duration.ofDays(90)), notAfter), ChainValidation.TRUSTED);
	}

	static Evidence fetched(X509Certificate leaf, ChainValidation validation) {
		return new Evidence(HOST, ProbeOutcome.FETCHED, null, List.of(leaf), validation, NOW);
	}

	static Evidence fetched(String host, X509Certificate leaf) {
		return new Evidence(host, ProbeOutcome.FETCHED, null, List.of(leaf), ChainValidation.TRUSTED, NOW);
	}

	/**
	 * The chain as the server sent it, leaf first, judged at the present: generated CA certificates are
	 * valid around the present, not at {@link #NOW}.
	 */
	static Evidence presented(X509Certificate... chain) {
		return new Evidence(HOST, ProbeOutcome.FETCHED, null, List.of(chain), ChainValidation.TRUSTED, Instant.now());
	}

	/** A certificate file's leaf: no host name, and a private key that does or does not belong to it. */
	static Evidence file(X509Certificate leaf, Boolean keyMatches) {
		return new Evidence(null, ProbeOutcome.FETCHED, null, List.of(leaf), ChainValidation.TRUSTED, NOW, keyMatches);
	}

	/** A trusted leaf with what its issuer said about it; null when revocation checking is off. */
	static Evidence revocation(X509Certificate leaf, RevocationStatus status) {
		return new Evidence(HOST, ProbeOutcome.FETCHED, null, List.of(leaf), ChainValidation.TRUSTED, NOW, null, status);
	}

	static Evidence failed(ProbeOutcome outcome, String detail) {
		return new Evidence(HOST, outcome, detail, List.of(), null, NOW);
	}

}
