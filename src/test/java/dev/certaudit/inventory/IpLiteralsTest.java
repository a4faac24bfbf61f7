package dev.certaudit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
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

}
