package dev.certaudit.probe;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;

import dev.certaudit.inventory.Protocol;

/**
 * The plain-text opening of one protocol up to the point where both sides start TLS on the same
 * connection. A dialect returns once the server has agreed, having read nothing beyond its agreement;
 * it throws {@link StartTlsFailure} when the server declines or does not speak the protocol.
 */
interface StartTlsDialect {

	void upgrade(BufferedInputStream in, OutputStream out) throws IOException;

	static StartTlsDialect of(Protocol protocol) {
		return switch (protocol) {
			case SMTP -> new SmtpStartTls();
			case IMAP -> new ImapStartTls();
			case POP3 -> new Pop3StartTls();
			case FTP -> new FtpAuthTls();
			case LDAP -> new LdapStartTls();
			case TLS -> throw new IllegalArgumentException("TLS from the first byte has no upgrade");
			case FILE -> throw new IllegalArgumentException("a certificate file is read, not connected to");
		};
	}

}
