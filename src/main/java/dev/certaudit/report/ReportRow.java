package dev.certaudit.report;

import java.time.Instant;
import java.util.List;

import dev.certaudit.analysis.Status;

/**
 * One audited endpoint (name, address, port) as both reports show it. Certificate fields are null when
 * nothing could be fetched; {@code error} then says why.
 * @param contact who to call about the endpoint, from the inventory's {@code contact=} label
 * @param chain the certificates the endpoint presented, in the order it sent them
 * @param attempts visits the fetch took (more than one when transient failures were retried)
 * @param tlsProtocol the protocol the handshake agreed, as the JDK names it ({@code TLSv1.3}); null when
 * nothing was fetched, and for a certificate file
 * @param cipherSuite the IANA name of the suite the server chose; null like {@code tlsProtocol}
 * @param keyExchange how the keys were agreed ({@code x25519}, {@code DH 1024 bits}, {@code RSA key
 * transport}); null like {@code tlsProtocol}, or when the handshake ended before it was known
 */
public record ReportRow(long targetId, String host, int port, String protocol, String address, String owner,
		String contact, String labels, Status status, Integer daysLeft, Instant notBefore, Instant notAfter,
		String subject, String issuer, List<String> subjectAltNames, String serialNumber, String sha256,
		List<FindingView> findings, List<PresentedCertificate> chain, String error, int attempts,
		String tlsProtocol, String cipherSuite, String keyExchange) {

	public ReportRow {
		subjectAltNames = List.copyOf(subjectAltNames);
		findings = List.copyOf(findings);
		chain = List.copyOf(chain);
	}

	/** This row with what is read a chunk at a time, after the row itself. */
	public ReportRow with(List<FindingView> findings, List<PresentedCertificate> chain) {
		return new ReportRow(this.targetId, this.host, this.port, this.protocol, this.address, this.owner,
				this.contact, this.labels, this.status, this.daysLeft, this.notBefore, this.notAfter, this.subject,
				this.issuer, this.subjectAltNames, this.serialNumber, this.sha256, findings, chain, this.error,
				this.attempts, this.tlsProtocol, this.cipherSuite, this.keyExchange);
	}

}
