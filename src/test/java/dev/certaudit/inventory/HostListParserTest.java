package dev.certaudit.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostListParserTest {

	private static final String ORIGIN = "hosts.txt:7";

	@Test
	void bareHostGetsTheDefaultPortAndTls() {
		Target target = parse("www.example.test");

		assertThat(target.host()).isEqualTo("www.example.test");
		assertThat(target.port()).isEqualTo(443);
		assertThat(target.protocol()).isEqualTo(Protocol.TLS);
		assertThat(target.address()).isNull();
		assertThat(target.labels()).isEmpty();
		assertThat(target.owner()).isNull();
		assertThat(target.origin()).isEqualTo(ORIGIN);
	}

	@Test
	void hostAndPort() {
		Target target = parse("mail.example.test:993");

		assertThat(target.host()).isEqualTo("mail.example.test");
		assertThat(target.port()).isEqualTo(993);
	}

	@Test
	void hostNameIsLowerCased() {
		assertThat(parse("WWW.Example.TEST:8443").host()).isEqualTo("www.example.test");
	}

	@Test
	void surroundingWhitespaceAndTrailingCommentAreIgnored() {
		Target target = parse("  \twww.example.test:8443   owner=web  # the shop front ");

		assertThat(target.host()).isEqualTo("www.example.test");
		assertThat(target.port()).isEqualTo(8443);
		assertThat(target.labels()).containsExactly(Map.entry("owner", "web"));
	}

	@Test
	void protocolTokenComesAfterTheHost() {
		assertThat(parse("www.example.test tls").protocol()).isEqualTo(Protocol.TLS);
		assertThat(parse("www.example.test:8443 HTTPS").protocol()).isEqualTo(Protocol.TLS);
	}

	@Test
	void keyValueLabelsAreKeptWithOwnerAtHand() {
		Target target = parse("www.example.test:8443 tls owner=web-team env=prod tags=shop,public");

		assertThat(target.labels()).containsOnly(Map.entry("owner", "web-team"), Map.entry("env", "prod"),
				Map.entry("tags", "shop,public"));
		assertThat(target.owner()).isEqualTo("web-team");
		assertThat(target.labelText()).isEqualTo("env=prod owner=web-team tags=shop,public");
	}

	@Test
	void labelKeysAreCaseInsensitive() {
		Target target = parse("www.example.test Owner=web");

		assertThat(target.owner()).isEqualTo("web");
	}

	@Test
	void addressOverrideIsAnIpAddressAndNotALabel() {
		Target target = parse("www.example.test:18441 address=127.0.0.1 owner=web");

		assertThat(target.host()).isEqualTo("www.example.test");
		assertThat(target.address()).isEqualTo("127.0.0.1");
		assertThat(target.labels()).containsOnlyKeys("owner");
	}

	@Test
	void addressOverrideMayBeIpv6() {
		assertThat(parse("www.example.test address=::1").address()).isEqualTo("::1");
	}

	@Test
	void addressOverrideMustBeAnIpAddress() {
		assertThat(error("www.example.test address=localhost"))
			.isEqualTo("hosts.txt:7: address= must be an IP address, got 'localhost'");
	}

	@Test
	void ipv6InBracketsWithPort() {
		Target target = parse("[2001:db8::1]:8443");

		assertThat(target.host()).isEqualTo("2001:db8::1");
		assertThat(target.port()).isEqualTo(8443);
	}

	@Test
	void ipv6InBracketsWithoutPortGetsTheDefaultPort() {
		Target target = parse("[::1] owner=me");

		assertThat(target.host()).isEqualTo("::1");
		assertThat(target.port()).isEqualTo(443);
		assertThat(target.owner()).isEqualTo("me");
	}

	@Test
	void ipv4Address() {
		Target target = parse("192.0.2.10:8443");

		assertThat(target.host()).isEqualTo("192.0.2.10");
		assertThat(target.port()).isEqualTo(8443);
	}

	@Test
	void bareIpv6IsRejectedWithAHint() {
		assertThat(error("2001:db8::1"))
			.isEqualTo("hosts.txt:7: IPv6 addresses must be in brackets, e.g. [2001:db8::1]:443");
	}

	@Test
	void bracketsMustHoldAnIpv6Address() {
		assertThat(error("[www.example.test]:443")).isEqualTo("hosts.txt:7: 'www.example.test' is not an IPv6 address");
		assertThat(error("[2001:db8::1")).isEqualTo("hosts.txt:7: unclosed '[' in IPv6 address '[2001:db8::1'");
		assertThat(error("[2001:db8::1]443"))
			.isEqualTo("hosts.txt:7: expected ':port' after ']' in '[2001:db8::1]443'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "\t", "# a comment", "   # indented comment", "#www.example.test:443" })
	void blankAndCommentLinesHoldNoTarget(String line) {
		assertThat(HostListParser.parse(line, ORIGIN)).isEmpty();
	}

	@Test
	void portZeroIsRejected() {
		assertThat(error("www.example.test:0"))
			.isEqualTo("hosts.txt:7: port '0' is not a number from 1 to 65535");
	}

	@Test
	void portAboveTheRangeIsRejected() {
		assertThat(error("www.example.test:70000"))
			.isEqualTo("hosts.txt:7: port '70000' is not a number from 1 to 65535");
	}

	@Test
	void nonNumericPortIsRejected() {
		assertThat(error("www.example.test:abc"))
			.isEqualTo("hosts.txt:7: port 'abc' is not a number from 1 to 65535");
		assertThat(error("www.example.test:")).isEqualTo("hosts.txt:7: port '' is not a number from 1 to 65535");
	}

	@Test
	void portRangeEndsAreAccepted() {
		assertThat(parse("www.example.test:1").port()).isEqualTo(1);
		assertThat(parse("www.example.test:65535").port()).isEqualTo(65535);
	}

	@Test
	void unknownProtocolIsRejectedWithTheKnownOnes() {
		assertThat(error("mail.example.test:25 smpt")).isEqualTo("hosts.txt:7: unknown protocol 'smpt' (known: "
				+ "tls, https, smtps, submissions, imaps, pop3s, ldaps, ftps, smtp, submission, imap, pop3, ftp, ldap)");
	}

	@Test
	void serviceNamesBringTheirUsualPortAndProtocol() {
		assertThat(parse("mail.example.test smtp").port()).isEqualTo(25);
		assertThat(parse("mail.example.test submission").port()).isEqualTo(587);
		assertThat(parse("mail.example.test submission").protocol()).isEqualTo(Protocol.SMTP);
		assertThat(parse("mail.example.test smtps").port()).isEqualTo(465);
		assertThat(parse("mail.example.test imaps").port()).isEqualTo(993);
		assertThat(parse("mail.example.test pop3s").port()).isEqualTo(995);
		assertThat(parse("dc1.example.test ldaps").port()).isEqualTo(636);
		assertThat(parse("mail.example.test imap").port()).isEqualTo(143);
		assertThat(parse("mail.example.test pop3").port()).isEqualTo(110);
		assertThat(parse("files.example.test ftp").port()).isEqualTo(21);
		assertThat(parse("dc1.example.test ldap").port()).isEqualTo(389);
		assertThat(parse("mail.example.test:587 smtp").protocol()).isEqualTo(Protocol.SMTP);
		assertThat(parse("mail.example.test:993 imaps").protocol()).isEqualTo(Protocol.TLS);
	}

	@Test
	void protocolAfterALabelIsRejected() {
		assertThat(error("www.example.test owner=web tls"))
			.isEqualTo("hosts.txt:7: unexpected 'tls': the protocol comes right after host[:port]");
	}

	@Test
	void malformedKeyValueIsRejected() {
		assertThat(error("www.example.test owner=")).isEqualTo("hosts.txt:7: malformed key=value 'owner='");
		assertThat(error("www.example.test =web")).isEqualTo("hosts.txt:7: malformed key=value '=web'");
		assertThat(error("www.example.test 1owner=web")).isEqualTo("hosts.txt:7: malformed key=value '1owner=web'");
	}

	@Test
	void duplicateKeyIsRejected() {
		assertThat(error("www.example.test owner=web OWNER=ops"))
			.isEqualTo("hosts.txt:7: duplicate key 'owner'");
	}

	@Test
	void duplicateAddressIsRejected() {
		assertThat(error("www.example.test address=127.0.0.1 address=127.0.0.2"))
			.isEqualTo("hosts.txt:7: duplicate key 'address'");
	}

	@Test
	void invalidHostNameIsRejected() {
		assertThat(error("www..example.test")).isEqualTo("hosts.txt:7: 'www..example.test' is not a valid host name");
		assertThat(error("-www.example.test")).isEqualTo("hosts.txt:7: '-www.example.test' is not a valid host name");
		assertThat(error("www.exa!mple.test"))
			.isEqualTo("hosts.txt:7: 'www.exa!mple.test' is not a valid host name");
	}

	@Test
	void internationalisedNameIsConvertedToAscii() {
		assertThat(parse("bücher.example.test").host()).isEqualTo("xn--bcher-kva.example.test");
	}

	@Test
	void exceptionKeepsOriginLineAndReason() {
		InventoryLineException ex = catchThrowableOfType(InventoryLineException.class,
				() -> HostListParser.parse("www.example.test:0 owner=web", ORIGIN));

		assertThat(ex.origin()).isEqualTo(ORIGIN);
		assertThat(ex.line()).isEqualTo("www.example.test:0 owner=web");
		assertThat(ex.reason()).isEqualTo("port '0' is not a number from 1 to 65535");
	}

	@ParameterizedTest
	@ValueSource(strings = { "www.example.test:0", "www.example.test:70000", "www.example.test:abc",
			"2001:db8::1", "www.example.test smpt", "www.example.test owner=", "www.example.test a=1 a=2",
			"www.example.test address=www.example.test", "[nope]", "bad host!" })
	void everyErrorMessageStartsWithTheOrigin(String line) {
		assertThatExceptionOfType(InventoryLineException.class).isThrownBy(() -> HostListParser.parse(line, ORIGIN))
			.withMessageStartingWith("hosts.txt:7: ");
	}

	@Test
	void megabyteHostTokenIsEchoedInTwoHundredCharacters() {
		String host = "a".repeat(1_000_000);

		assertThat(error(host + ":443"))
			.isEqualTo("hosts.txt:7: '" + "a".repeat(200) + "…' (1000000 characters) is not a valid host name");
	}

	@Test
	void controlCharactersOfALineAreEscapedInItsError() {
		assertThat(error("bad\0host.test\u001b[2J owner=it"))
			.isEqualTo("hosts.txt:7: 'bad\\x00host.test\\x1B[2J' is not a valid host name");
		assertThat(error("www.example.test:4\u001b3"))
			.isEqualTo("hosts.txt:7: port '4\\x1B3' is not a number from 1 to 65535");
	}

	private static Target parse(String line) {
		return HostListParser.parse(line, ORIGIN).orElseThrow();
	}

	private static String error(String line) {
		return catchThrowableOfType(InventoryLineException.class, () -> HostListParser.parse(line, ORIGIN))
			.getMessage();
	}

}
