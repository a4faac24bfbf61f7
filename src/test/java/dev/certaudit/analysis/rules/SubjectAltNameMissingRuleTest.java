package dev.certaudit.analysis.rules;

import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Finding;
import dev.certaudit.demo.CertificateGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectAltNameMissingRuleTest {

	private final SubjectAltNameMissingRule rule = new SubjectAltNameMissingRule();

	@Test
	void commonNameOnlyLeafIsCriticalEvenWhenTheCommonNameMatches() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=" + Evidences.HOST)
			.issuedBy(CertificateGenerator.root("CN=Rule Test Root"))
			.build()
			.certificate();

		Finding finding = this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED)).orElseThrow();

		assertThat(finding.ruleId().value()).isEqualTo("CRIT_CERT_NO_SUBJECT_ALT_NAME");
		assertThat(finding.message()).startsWith("CN=" + Evidences.HOST + " has no subjectAltName")
			.contains("Chrome", "Firefox", "Safari", "Go", "for " + Evidences.HOST);
	}

	@Test
	void leafWithSubjectAltNamePasses() {
		X509Certificate leaf = CertificateGenerator.certificate("CN=" + Evidences.HOST)
			.issuedBy(CertificateGenerator.root("CN=Rule Test Root"))
			.dnsNames(Evidences.HOST)
			.build()
			.certificate();

		assertThat(this.rule.evaluate(Evidences.fetched(leaf, ChainValidation.TRUSTED))).isEmpty();
	}

}
