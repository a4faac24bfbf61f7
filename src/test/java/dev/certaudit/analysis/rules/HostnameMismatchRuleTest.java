package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Severity;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.probe.Handshake;
import dev.certaudit.probe.ProbeOutcome;

import static org.assertj.core.api.Assertions.assertThat;

class HostnameMismatchRuleTest {

	private final HostnameMismatchRule rule = new HostnameMismatchRule();

	@Test
	void nameOutsideTheSubjectAltNamesIsCritical() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=www.example.test")
			.dnsNames("www.example.test", "*.api.example.test")
			.ipAddresses("192.0.2.10")
			.build()
			.certificate();

		Finding finding = this.rule.evaluate(Evidences.fetched("mail.example.test", leaf)).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_HOSTNAME_MISMATCH");
		assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
		assertThat(finding.message()).isEqualTo(
				"mail.example.test is not covered by the certificate (names: www.example.test, *.api.example.test, 192.0.2.10)");
	}

	@Test
	void mismatchOfANameTheServerRefusedInSniSaysNoSniWasSent() {
		X509Certificate fallback = CertificateGenerator.certificate("CN=default.example.test")
			.dnsNames("default.example.test")
			.build()
			.certificate();
		Handshake withoutSni = new Handshake("TLSv1.3", "TLS_AES_128_GCM_SHA256", null, false, false, null, null);

		Finding finding = this.rule
			.evaluate(Evidences.fetched("build_01.example.test", fallback).withHandshake(withoutSni, null))
			.orElseThrow();

		assertThat(finding.message()).isEqualTo("build_01.example.test is not covered by the certificate (names:"
				+ " default.example.test); no SNI sent: the server refused the name in SNI, so this is its default"
				+ " certificate");
	}

	@Test
	void nameInTheSubjectAltNamesPasses() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=www.example.test")
			.dnsNames("www.example.test", "mail.example.test")
			.build()
			.certificate();

		assertThat(this.rule.evaluate(Evidences.fetched("mail.example.test", leaf))).isEmpty();
	}

	@Test
	void certificateWithoutSubjectAltNamesIsDescribedByItsSubject() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=legacy.example.test")
			.build()
			.certificate();

		assertThat(this.rule.evaluate(Evidences.fetched("www.example.test", leaf)))
			.hasValueSatisfying((finding) -> assertThat(finding.message()).isEqualTo(
					"www.example.test is not covered by the certificate (subject CN=legacy.example.test)"));
	}

	@Test
	void doesNotApplyWithoutAChain() {
		assertThat(this.rule.evaluate(Evidences.failed(ProbeOutcome.DNS_FAILURE, "cannot resolve x"))).isEmpty();
	}

	@Test
	void certificateFileHasNoNameToMismatch() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=www.example.test")
			.dnsNames("www.example.test")
			.build()
			.certificate();

		assertThat(this.rule.evaluate(Evidences.file(leaf, null))).isEmpty();
	}

}
