package dev.certaudit.probe;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import dev.certaudit.inventory.Protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

	@Test
	void smtpStartTlsAnswered454IsRefused() {
		assertThatThrownBy(() -> converse(Protocol.SMTP,
				"220 ready\r\n250-mail.example.test\r\n250 STARTTLS\r\n454 4.7.0 TLS not available\r\n"))
			.isInstanceOf(StartTlsFailure.class)
			.hasMessage("454 4.7.0 TLS not available");
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
			.isInstanceOf(StartTlsFailure.class)
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
