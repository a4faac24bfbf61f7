package dev.certaudit.probe;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.certaudit.inventory.Protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Each dialect against a server's whole side of the conversation, given up front as bytes. */
class StartTlsDialectTest {

	private static final HexFormat HEX = HexFormat.of();

	private static final byte[] START_TLS_OID = "1.3.6.1.4.1.1466.20037".getBytes(StandardCharsets.US_ASCII);

	// LDAPMessage { messageID 1, ExtendedResponse { success, "", "", responseName StartTLS } }
	private static final String LDAP_SUCCESS = "3024020101781f0a0100040004008a16" + HEX.formatHex(START_TLS_OID);

	@Test
	void smtpClientGreetsWithEhloAndAsksForStartTlsOnceListed() throws Exception {
		String clientSaid = converse(Protocol.SMTP, "220-mail.example.test ESMTP\r\n220 ready\r\n"
				+ "250-mail.example.test\r\n250-starttls\r\n250 SIZE 10240000\r\n" + "220 2.0.0 go ahead\r\n");

		assertThat(clientSaid).isEqualTo("EHLO cert-audit.invalid\r\nSTARTTLS\r\n");
	}

	@Test
	void smtpServiceDeclinedInTheGreetingIsRefused() {
		assertThatThrownBy(() -> converse(Protocol.SMTP, "554 5.3.2 no service for you\r\n"))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.STARTTLS_REFUSED))
			.hasMessage("554 5.3.2 no service for you");
	}

	/** RFC 3207 section 4: "454 TLS not available due to temporary reason". */
	@Test
	void smtpStartTlsAnswered454IsPutOffForNow() {
		assertThatThrownBy(() -> converse(Protocol.SMTP,
				"220 ready\r\n250-mail.example.test\r\n250 STARTTLS\r\n454 4.7.0 TLS not available\r\n"))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.STARTTLS_DEFERRED))
			.hasMessage("454 4.7.0 TLS not available");
	}

	@Test
	void smtpStartTlsAnswered5xxIsRefusedForGood() {
		assertThatThrownBy(() -> converse(Protocol.SMTP,
				"220 ready\r\n250-mail.example.test\r\n250 STARTTLS\r\n554 5.7.3 TLS not permitted\r\n"))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.STARTTLS_REFUSED))
			.hasMessage("554 5.7.3 TLS not permitted");
	}

	@Test
	void ftpAuthTlsAnswered431IsPutOffForNow() {
		assertThatThrownBy(() -> converse(Protocol.FTP,
				"220 ready\r\n431 Need some unavailable resource to process security\r\n"))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.STARTTLS_DEFERRED))
			.hasMessage("431 Need some unavailable resource to process security");
	}

	/** Each server's whole side up to its "try later", and that reply as the detail quotes it. */
	@ParameterizedTest(name = "{0}: {2}")
	@MethodSource
	void serverTurningTheSessionAwayForNowSaysTryLater(Protocol protocol, String serverSays, String reply) {
		assertThatThrownBy(() -> converse(protocol, serverSays))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.TRY_LATER))
			.hasMessage(reply);
	}

	static Stream<Arguments> serverTurningTheSessionAwayForNowSaysTryLater() {
		String exim = "421 mail.example.test Too many concurrent SMTP connections from this IP address; please try again later.";
		return Stream.of(arguments(Protocol.SMTP, exim + "\r\n", exim),
				arguments(Protocol.SMTP, "220 ready\r\n451 4.3.2 System not accepting network messages\r\n",
						"451 4.3.2 System not accepting network messages"),
				arguments(Protocol.SMTP,
						"220 ready\r\n250-mail.example.test\r\n250 STARTTLS\r\n421 4.3.2 Service shutting down\r\n",
						"421 4.3.2 Service shutting down"),
				arguments(Protocol.FTP, "421-Too many users\r\n421 try again later\r\n",
						"421-Too many users / 421 try again later"),
				arguments(Protocol.IMAP, "* BYE Too many connections from your IP address\r\n",
						"* BYE Too many connections from your IP address"),
				arguments(Protocol.IMAP, "* OK ready\r\n* BYE [UNAVAILABLE] Back end down\r\n",
						"* BYE [UNAVAILABLE] Back end down"),
				arguments(Protocol.POP3, "-ERR [SYS/TEMP] Too busy\r\n", "-ERR [SYS/TEMP] Too busy"),
				arguments(Protocol.POP3, "+OK ready\r\n-ERR [IN-USE] Session in use\r\n",
						"-ERR [IN-USE] Session in use"),
				arguments(Protocol.POP3, "-ERR too many concurrent connections\r\n",
						"-ERR too many concurrent connections"));
	}

	@Test
	void imapUntaggedResponsesBeforeTheTaggedOkAreSkipped() throws Exception {
		String clientSaid = converse(Protocol.IMAP,
				"* OK ready\r\n* CAPABILITY IMAP4rev2 STARTTLS\r\n* OK still here\r\na1 OK begin TLS\r\n");

		assertThat(clientSaid).isEqualTo("a1 STARTTLS\r\n");
	}

	@Test
	void imapByeBeforeTheTaggedReplyIsARefusal() {
		assertThatThrownBy(() -> converse(Protocol.IMAP, "* OK ready\r\n* BYE shutting down\r\n"))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.STARTTLS_REFUSED))
			.hasMessage("* BYE shutting down");
	}

	@Test
	void imapPreauthenticatedGreetingIsARefusal() {
		assertThatThrownBy(() -> converse(Protocol.IMAP, "* PREAUTH logged in as root\r\n"))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.STARTTLS_REFUSED));
	}

	@Test
	void ftpWaitsPastAPreliminary120ForTheGreeting() throws Exception {
		String clientSaid = converse(Protocol.FTP, "120 ready in 1 minute\r\n220-welcome\r\nsome banner\r\n"
				+ "220 ready\r\n234 AUTH TLS OK\r\n");

		assertThat(clientSaid).isEqualTo("AUTH TLS\r\n");
	}

	@Test
	void bareLineFeedsEndLinesToo() throws Exception {
		assertThat(converse(Protocol.POP3, "+OK ready\n+OK go\n")).isEqualTo("STLS\r\n");
	}

	@Test
	void replyLineLongerThanTheCapIsNotTheProtocol() {
		assertThatThrownBy(() -> converse(Protocol.SMTP, "220 " + "x".repeat(TextDialogue.MAX_LINE_BYTES)))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.NOT_TLS))
			.hasMessage("not SMTP: a reply line longer than 4096 bytes");
	}

	@Test
	void endlessMultiLineReplyIsCutOffAtTheLineCap() {
		assertThatThrownBy(() -> converse(Protocol.FTP, "220-hello\r\n".repeat(TextDialogue.MAX_LINES + 1)))
			.isInstanceOf(StartTlsFailure.class)
			.hasMessage("not FTP: more than 100 reply lines");
	}

	@Test
	void hostileReplyIsQuotedPrintableAndShort() {
		assertThatThrownBy(() -> converse(Protocol.POP3, "-ERR \u001b[31mno\u0007 " + "y".repeat(1000) + "\r\n"))
			.isInstanceOf(StartTlsFailure.class)
			.hasMessage("-ERR ?[31mno? " + "y".repeat(300 - 14) + "...");
	}

	@Test
	void connectionClosedMidReplyEndsTheDialogue() {
		assertThatThrownBy(() -> converse(Protocol.IMAP, "* OK ready\r\na1 O"))
			.isInstanceOf(EOFException.class)
			.hasMessage("the server closed the connection during IMAP STARTTLS");
	}

	@Test
	void ldapRequestIsTheStartTlsExtendedOperation() throws Exception {
		assertThat(HEX.formatHex(converseBytes(Protocol.LDAP, HEX.parseHex(LDAP_SUCCESS))))
			.isEqualTo("301d02010177188016" + HEX.formatHex(START_TLS_OID));
	}

	/** Active Directory writes every length in four-octet long form. */
	@Test
	void ldapLongFormLengthsAreRead() throws Exception {
		byte[] success = HEX.parseHex("308400000018" + "020101" + "78840000000f" + "0a0100" + "048400000000"
				+ "048400000000");

		assertThat(converseBytes(Protocol.LDAP, success)).isEqualTo(LdapStartTls.request());
	}

	@Test
	void ldapResultCodeOtherThanSuccessIsARefusalWithTheDiagnosticMessage() {
		assertThatThrownBy(() -> converseBytes(Protocol.LDAP,
				HEX.parseHex("30150201017810" + "0a0102" + "0400" + "0409"
						+ HEX.formatHex("no TLS!!!".getBytes(StandardCharsets.US_ASCII)))))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.STARTTLS_REFUSED))
			.hasMessage("resultCode 2 (protocolError): no TLS!!!");
	}

	@Test
	void ldapBusyIsTryLater() {
		assertThatThrownBy(() -> converseBytes(Protocol.LDAP, HEX.parseHex("30170201017812" + "0a0133" + "0400"
				+ "040b" + HEX.formatHex("server busy".getBytes(StandardCharsets.US_ASCII)))))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.TRY_LATER))
			.hasMessage("resultCode 51 (busy): server busy");
	}

	@Test
	void ldapNoticeOfDisconnectionIsARefusal() {
		assertThatThrownBy(() -> converseBytes(Protocol.LDAP, HEX.parseHex("300c02010078070a01340400040000")))
			.isInstanceOf(StartTlsFailure.class)
			.hasMessage("notice of disconnection, resultCode 52 (unavailable)");
	}

	@Test
	void ldapLengthOverTheCapIsRejectedBeforeReading() {
		assertThatThrownBy(() -> converseBytes(Protocol.LDAP, HEX.parseHex("30847fffffff")))
			.isInstanceOfSatisfying(StartTlsFailure.class,
					(failure) -> assertThat(failure.outcome()).isEqualTo(ProbeOutcome.NOT_TLS))
			.hasMessage("not LDAP: an element of 2147483647 bytes, larger than any StartTLS response");
	}

	@Test
	void ldapIndefiniteLengthIsNotLdap() {
		assertThatThrownBy(() -> converseBytes(Protocol.LDAP, HEX.parseHex("30800201010000")))
			.isInstanceOf(StartTlsFailure.class)
			.hasMessage("not LDAP: BER length octet 0x80 (indefinite, or over four octets)");
	}

	@Test
	void ldapMessageShorterThanItsPartsIsNotLdap() {
		assertThatThrownBy(() -> converseBytes(Protocol.LDAP, HEX.parseHex("3005020101780a")))
			.isInstanceOf(StartTlsFailure.class)
			.hasMessage("not LDAP: an LDAPMessage shorter than its parts");
	}

	@Test
	void textWhereLdapIsExpectedIsNotLdap() {
		assertThatThrownBy(() -> converse(Protocol.LDAP, "220 mail.example.test ESMTP\r\n"))
			.isInstanceOf(StartTlsFailure.class)
			.hasMessage("not LDAP: an element tagged 0x32 where 0x30 belongs");
	}

	private static String converse(Protocol protocol, String serverSays) throws IOException {
		return new String(converseBytes(protocol, serverSays.getBytes(StandardCharsets.UTF_8)),
				StandardCharsets.US_ASCII);
	}

	/** Runs the dialect against {@code serverSays} and returns what the client sent. */
	private static byte[] converseBytes(Protocol protocol, byte[] serverSays) throws IOException {
		ByteArrayOutputStream clientSaid = new ByteArrayOutputStream();
		StartTlsDialect.of(protocol)
			.upgrade(new BufferedInputStream(new ByteArrayInputStream(serverSays)), clientSaid);
		return clientSaid.toByteArray();
	}

}
