package dev.certaudit.probe;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;

import dev.certaudit.probe.TextDialogue.CodedReply;

/** FTP: the greeting, then AUTH TLS (RFC 4217 section 4). */
final class FtpAuthTls implements StartTlsDialect {

	@Override
	public void upgrade(BufferedInputStream in, OutputStream out) throws IOException {
		TextDialogue ftp = new TextDialogue(in, out, "FTP");
		CodedReply greeting = ftp.readCodedReply();
		// RFC 959 section 5.4: a server that is not ready yet says 120 first, then 220
		while (greeting.code() == 120) {
			greeting = ftp.readCodedReply();
		}
		greeting.expect(220);
		ftp.send("AUTH TLS");
		ftp.readCodedReply().expectAgreement(234);
	}

}
