package dev.certaudit.probe;

/**
 * What a TLS handshake showed of the server beyond its chain, kept even when the handshake failed after
 * the server's Certificate message.
 * @param protocol as the JDK names it: {@code TLSv1}, {@code TLSv1.1}, {@code TLSv1.2}, {@code TLSv1.3}
 * @param cipherSuite the IANA name of the suite the server chose
 * @param keyExchange the group or RSA key transport; null when the handshake ended before it was known
 * @param serverNameSent whether the name went out as SNI: not for an IP address, nor for a name the server
 * refused to see in SNI (a Java server refuses an underscore), whose default certificate this then is
 * @param clientCertificateRequested the server asked for a client certificate (cert-audit sends none)
 * @param failedAfterChain why the handshake failed after the chain arrived; null when it completed
 * @param stapledOcsp the DER OCSP response the server stapled (RFC 6066 section 8); null without one
 */
public record Handshake(String protocol, String cipherSuite, KeyExchange keyExchange, boolean serverNameSent,
		boolean clientCertificateRequested, String failedAfterChain, byte[] stapledOcsp) {

	/** A handshake that completed with SNI, with nothing more than a protocol and a suite to tell. */
	public Handshake(String protocol, String cipherSuite) {
		this(protocol, cipherSuite, null, true, false, null, null);
	}

}
