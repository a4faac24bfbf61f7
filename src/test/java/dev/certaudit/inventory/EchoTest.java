package dev.certaudit.inventory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EchoTest {

	@Test
	void shortInputIsQuotedAsItIs() {
		assertThat(Echo.quote("www.example.test")).isEqualTo("'www.example.test'");
		assertThat(Echo.quote("Müller")).isEqualTo("'Müller'");
	}

	@Test
	void megabyteTokenIsCutToTwoHundredCharactersWithItsLength() {
		String quoted = Echo.quote("a".repeat(1_000_000));

		assertThat(quoted).isEqualTo("'" + "a".repeat(200) + "…' (1000000 characters)");
	}

	@Test
	void nulAndTerminalEscapeSequenceAreEscaped() {
		assertThat(Echo.quote("host\0name\u001b]0;pwned\u0007\u001b[2J\u007f"))
			.isEqualTo("'host\\x00name\\x1B]0;pwned\\x07\\x1B[2J\\x7F'");
	}

	@Test
	void invisibleAndReorderingCharactersAreEscaped() {
		assertThat(Echo.quote("admin\u202Etxt.exe\u200B\u0085\u2028\uD800"))
			.isEqualTo("'admin\\u202Etxt.exe\\u200B\\u0085\\u2028\\uD800'");
	}

	@Test
	void cutNeverSplitsACharacterOutsideTheBasicPlane() {
		String text = "a".repeat(199) + "\uD83D\uDD12" + "b";

		assertThat(Echo.quote(text)).isEqualTo("'" + "a".repeat(199) + "…' (202 characters)");
	}

	@Test
	void libraryMessageIsBoundedWithoutQuotes() {
		assertThat(Echo.bounded("Invalid address: 1.2.3.\0")).isEqualTo("Invalid address: 1.2.3.\\x00");
		assertThat(Echo.bounded("x".repeat(300))).isEqualTo("x".repeat(200) + "… (300 characters)");
	}

}
