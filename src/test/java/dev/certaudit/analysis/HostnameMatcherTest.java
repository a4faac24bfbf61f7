package dev.certaudit.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import dev.certaudit.demo.CertificateGenerator;

/** RFC 6125 section 6 as browsers apply it. */
class HostnameMatcherTest {

	@Test
	void exactDnsNameMatches() {
		X509Certificate certificate = withDnsNames("www.example.test", "mail.example.test");

		assertThat(HostnameMatcher.matches("mail.example.test", certificate)).isTrue();
		assertThat(HostnameMatcher.matches("ftp.example.test", certificate)).isFalse();
	}

	@Test
	void matchIsCaseInsensitive() {
		X509Certificate certificate = withDnsNames("WWW.Example.TEST");

		assertThat(HostnameMatcher.matches("www.EXAMPLE.test", certificate)).isTrue();
	}

	@Test
	void trailingDotIsIgnoredOnEitherSide() {
		assertThat(HostnameMatcher.matches("www.example.test.", withDnsNames("www.example.test"))).isTrue();
		assertThat(HostnameMatcher.matches("www.example.test", withDnsNames("www.example.test."))).isTrue();
	}

	@Test
	void nameIsNotMatchedByItsParentOrAChild() {
		X509Certificate certificate = withDnsNames("example.test");

		assertThat(HostnameMatcher.matches("www.example.test", certificate)).isFalse();
		assertThat(HostnameMatcher.matches("test", certificate)).isFalse();
	}

	@Test
	void wildcardCoversOnlyOneLabel() {
		X509Certificate certificate = withDnsNames("*.example.test");

		assertThat(HostnameMatcher.matches("www.example.test", certificate)).isTrue();
		assertThat(HostnameMatcher.matches("a.b.example.test", certificate)).isFalse();
		assertThat(HostnameMatcher.matches("example.test", certificate)).isFalse();
		assertThat(HostnameMatcher.matches(".example.test", certificate)).isFalse();
	}

	@Test
	void wildcardMatchIsCaseInsensitiveAndIgnoresTrailingDot() {
		assertThat(HostnameMatcher.matches("WWW.example.test.", withDnsNames("*.EXAMPLE.test"))).isTrue();
	}

	@Test
	void wildcardForAWholeTopLevelDomainIsRefused() {
		assertThat(HostnameMatcher.matches("example.com", withDnsNames("*.com"))).isFalse();
		assertThat(HostnameMatcher.matches("example.com.", withDnsNames("*.com."))).isFalse();
		assertThat(HostnameMatcher.matches("anything", withDnsNames("*"))).isFalse();
	}

	@Test
	void partialWildcardIsNotHonoured() {
		assertThat(HostnameMatcher.matches("www.example.test", withDnsNames("w*.example.test"))).isFalse();
		assertThat(HostnameMatcher.matches("www.example.test", withDnsNames("*w.example.test"))).isFalse();
		assertThat(HostnameMatcher.matches("www.example.test", withDnsNames("www.*.test"))).isFalse();
	}

	@Test
	void commonNameIsUsedWhenThereIsNoDnsSan() {
		X509Certificate certificate = CertificateGenerator.certificate("CN=www.example.test,O=Example")
			.build()
			.certificate();

		assertThat(HostnameMatcher.matches("www.example.test", certificate)).isTrue();
		assertThat(HostnameMatcher.matches("mail.example.test", certificate)).isFalse();
	}

	@Test
	void commonNameIsIgnoredWhenADnsSanIsPresent() {
		X509Certificate certificate = CertificateGenerator.certificate("CN=www.example.test")
			.dnsNames("mail.example.test")
			.build()
			.certificate();

		assertThat(HostnameMatcher.matches("www.example.test", certificate)).isFalse();
		assertThat(HostnameMatcher.matches("mail.example.test", certificate)).isTrue();
	}

	@Test
	void certificateWithoutCommonNameOrSanMatchesNothing() {
		X509Certificate certificate = CertificateGenerator.certificate("O=Example,C=GB").build().certificate();

		assertThat(HostnameMatcher.matches("www.example.test", certificate)).isFalse();
	}

	@Test
	void ipv4HostMatchesAnIpSan() {
		X509Certificate certificate = CertificateGenerator.certificate("CN=www.example.test")
			.dnsNames("www.example.test")
			.ipAddresses("192.0.2.10")
			.build()
			.certificate();

		assertThat(HostnameMatcher.matches("192.0.2.10", certificate)).isTrue();
		assertThat(HostnameMatcher.matches("192.0.2.11", certificate)).isFalse();
	}

	@Test
	void ipv6HostMatchesAnIpSanWrittenDifferently() {
		X509Certificate certificate = CertificateGenerator.certificate("CN=www.example.test")
			.ipAddresses("2001:db8::1")
			.build()
			.certificate();

		assertThat(HostnameMatcher.matches("2001:DB8:0:0:0:0:0:1", certificate)).isTrue();
		assertThat(HostnameMatcher.matches("2001:db8::1", certificate)).isTrue();
		assertThat(HostnameMatcher.matches("2001:db8::2", certificate)).isFalse();
	}

	@Test
	void ipHostIsNotMatchedByDnsSanText() {
		X509Certificate certificate = withDnsNames("192.0.2.10", "2001:db8::1");

		assertThat(HostnameMatcher.matches("192.0.2.10", certificate)).isFalse();
		assertThat(HostnameMatcher.matches("2001:db8::1", certificate)).isFalse();
	}

	@Test
	void ipHostIsNotMatchedByCommonName() {
		X509Certificate certificate = CertificateGenerator.certificate("CN=192.0.2.10").build().certificate();

		assertThat(HostnameMatcher.matches("192.0.2.10", certificate)).isFalse();
	}

	@Test
	void ipSanDoesNotCoverAName() {
		X509Certificate certificate = CertificateGenerator.certificate("O=Example")
			.ipAddresses("192.0.2.10")
			.build()
			.certificate();

		assertThat(HostnameMatcher.matches("www.example.test", certificate)).isFalse();
	}

	private static X509Certificate withDnsNames(String... names) {
		return CertificateGenerator.certificate("CN=unrelated.example.test").dnsNames(names).build().certificate();
	}

}
