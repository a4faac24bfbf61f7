package dev.certaudit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "0.0.0.0", "255.255.255.255", "192.0.2.10", "::1", "::",
			"2001:db8::1", "2001:DB8:0:0:0:0:0:1", "::ffff:192.0.2.10" })
	void ipAddressesAreLiterals(String text) {
		assertThat(IpLiterals.isIpLiteral(text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "www.example.test", "localhost", "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4",
			"cafe", "dead:beef", "2001:db8::1::2", "[::1]", "2001:db8::g" })
	void namesAndMalformedAddressesAreNotLiterals(String text) {
		assertThat(IpLiterals.isIpLiteral(text)).isFalse();
	}

	/** RFC 5952 section 4, where the JDK writes every group: 0:0:0:0:0:0:0:1. */
	@ParameterizedTest
	@CsvSource({ "0:0:0:0:0:0:0:1, ::1", "0:0:0:0:0:0:0:0, ::", "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
			"2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "2001:0db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
			"2001:db8:0:0:1:0:0:0, 2001:db8:0:0:1::", "fe80:0:0:0:0:0:0:0, fe80::", "2001:db8::aaaa:0:0:1, 2001:db8::aaaa:0:0:1",
			"192.0.2.10, 192.0.2.10" })
	void addressesAreWrittenInRfc5952sForm(String literal, String expected) throws UnknownHostException {
		assertThat(IpLiterals.text(InetAddress.getByName(literal))).isEqualTo(expected);
		assertThat(IpLiterals.normalised(literal)).isEqualTo(expected);
	}

	@Test
	void anIpv6AddressWithAPortGoesInBrackets() throws UnknownHostException {
		assertThat(IpLiterals.withPort(InetAddress.getByName("0:0:0:0:0:0:0:1"), 53)).isEqualTo("[::1]:53");
		assertThat(IpLiterals.withPort(InetAddress.getByName("192.0.2.53"), 5353)).isEqualTo("192.0.2.53:5353");
	}

	@Test
	void namesAreNotAddressesToNormalise() {
		assertThat(IpLiterals.normalised("www.example.test")).isEqualTo("www.example.test");
	}

}
