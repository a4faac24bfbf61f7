package dev.certaudit.probe;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * LDAP: the StartTLS extended operation (RFC 4511 section 4.14), one request and its response in BER
 * with definite lengths, short or long form (section 5.1).
 */
final class LdapStartTls implements StartTlsDialect {

	// RFC 4511 section 4.14.1
	private static final String START_TLS_OID = "1.3.6.1.4.1.1466.20037";

	private static final int MESSAGE_ID = 1;

	private static final int BUSY = 51;

	// a result code and two short strings; a bigger response is not one the probe needs to read
	private static final int MAX_ELEMENT_BYTES = 16 * 1024;

	// BER identifiers from RFC 4511 section 4: universal types, ExtendedRequest [APPLICATION 23],
	// ExtendedResponse [APPLICATION 24] and the request's requestName [0]
	private static final int INTEGER = 0x02;

	private static final int OCTET_STRING = 0x04;

	private static final int ENUMERATED = 0x0a;

	private static final int SEQUENCE = 0x30;

	private static final int EXTENDED_REQUEST = 0x77;

	private static final int EXTENDED_RESPONSE = 0x78;

	private static final int REQUEST_NAME = 0x80;

	@Override
	public void upgrade(BufferedInputStream in, OutputStream out) throws IOException {
		out.write(request());
		out.flush();
		byte[] message = element(in, SEQUENCE);
		try {
			checkResponse(new ByteArrayInputStream(message));
		}
		catch (EOFException ex) {
			throw unintelligible("an LDAPMessage shorter than its parts");
		}
	}

	/** LDAPMessage { messageID 1, ExtendedRequest { requestName StartTLS } }, 31 bytes. */
	static byte[] request() {
		return tlv(SEQUENCE, tlv(INTEGER, new byte[] { MESSAGE_ID }),
				tlv(EXTENDED_REQUEST, tlv(REQUEST_NAME, START_TLS_OID.getBytes(StandardCharsets.US_ASCII))));
	}

	private static void checkResponse(InputStream message) throws IOException {
		int messageId = integer(element(message, INTEGER));
		InputStream response = new ByteArrayInputStream(element(message, EXTENDED_RESPONSE));
		int resultCode = integer(element(response, ENUMERATED));
		element(response, OCTET_STRING);
		String diagnosticMessage = new String(element(response, OCTET_STRING), StandardCharsets.UTF_8);
		// RFC 4511 section 4.4.1: message 0 is a Notice of Disconnection, the server's last word
		if (messageId == 0) {
			throw failure(resultCode, "notice of disconnection, " + result(resultCode, diagnosticMessage));
		}
		if (messageId != MESSAGE_ID) {
			throw unintelligible("a response to message " + messageId);
		}
		if (resultCode != 0) {
			throw failure(resultCode, result(resultCode, diagnosticMessage));
		}
	}

	// RFC 4511 appendix A.2: busy, "too busy to service the operation", is the one to try again later
	private static StartTlsFailure failure(int resultCode, String detail) {
		return (resultCode == BUSY) ? StartTlsFailure.tryLater(detail) : StartTlsFailure.refused(detail);
	}

	// names for the codes RFC 4511 section 4.14.2 expects from a StartTLS that cannot go ahead, and busy
	private static String result(int resultCode, String diagnosticMessage) {
		String name = switch (resultCode) {
			case 1 -> " (operationsError)";
			case 2 -> " (protocolError)";
			case 10 -> " (referral)";
			case BUSY -> " (busy)";
			case 52 -> " (unavailable)";
			default -> "";
		};
		return "resultCode " + resultCode + name + (diagnosticMessage.isBlank() ? "" : ": " + diagnosticMessage);
	}

	/** The contents of the next element, which must carry {@code tag}. */
	private static byte[] element(InputStream in, int tag) throws IOException {
		int found = read(in);
		if (found != tag) {
			throw unintelligible(String.format("an element tagged 0x%02x where 0x%02x belongs", found, tag));
		}
		int length = length(in);
		byte[] content = in.readNBytes(length);
		if (content.length < length) {
			throw closed();
		}
		return content;
	}

	// X.690 section 8.1.3: short form below 128, else a count of length octets; Active Directory uses
	// the long form even for short lengths
	private static int length(InputStream in) throws IOException {
		int first = read(in);
		if (first < 0x80) {
			return first;
		}
		int octets = first & 0x7f;
		if (octets == 0 || octets > 4) {
			throw unintelligible(String.format("BER length octet 0x%02x (indefinite, or over four octets)", first));
		}
		long length = 0;
		for (int i = 0; i < octets; i++) {
			length = (length << 8) | read(in);
		}
		if (length > MAX_ELEMENT_BYTES) {
			throw unintelligible("an element of " + length + " bytes, larger than any StartTLS response");
		}
		return (int) length;
	}

	// INTEGER and ENUMERATED: big-endian two's complement; message ids and result codes fit four octets
	private static int integer(byte[] content) throws StartTlsFailure {
		if (content.length == 0 || content.length > 4) {
			throw unintelligible("an integer of " + content.length + " octets");
		}
		int value = content[0];
		for (int i = 1; i < content.length; i++) {
			value = (value << 8) | (content[i] & 0xff);
		}
		return value;
	}

	private static int read(InputStream in) throws IOException {
		int b = in.read();
		if (b == -1) {
			throw closed();
		}
		return b;
	}

	/** Short-form lengths only, which is all the 31-byte request needs. */
	private static byte[] tlv(int tag, byte[]... parts) {
		ByteArrayOutputStream element = new ByteArrayOutputStream();
		element.write(tag);
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		element.write(length);
		for (byte[] part : parts) {
			element.writeBytes(part);
		}
		return element.toByteArray();
	}

	private static EOFException closed() {
		return new EOFException("the server closed the connection during LDAP StartTLS");
	}

	private static StartTlsFailure unintelligible(String what) {
		return StartTlsFailure.unintelligible("LDAP", what);
	}

}
