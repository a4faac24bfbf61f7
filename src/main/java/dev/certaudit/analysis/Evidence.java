package dev.certaudit.analysis;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.certaudit.analysis.revocation.RevocationStatus;
import dev.certaudit.probe.Handshake;
import dev.certaudit.probe.ProbeOutcome;

/**
 * Everything the rules may look at for one endpoint.
 * @param host the name clients use, checked against the leaf; null for a certificate file, which no
 * client reaches by name
 * @param presented the chain as the server sent it, leaf first; empty unless fetched and parsed
 * @param validation null when there is no chain to validate
 * @param now the instant the run judges validity at, so one run judges every endpoint alike
 * @param keyMatches whether a certificate file's private key belongs to its leaf; null without a key
 * @param revocation what the leaf's issuer says about the leaf; null when revocation checking is off
 * or there is no presented issuer to ask about
 * @param unansweredLookup what DNS left unanswered about {@code host} while it answered the address
 * family this endpoint was reached by, e.g. {@code AAAA lookup failed: REFUSED}; null when DNS answered
 * in full or was not asked
 * @param handshake what the TLS handshake showed besides the chain; null for a file or a failed visit
 * @param stapled what the OCSP response the server stapled says of the leaf, checked against the
 * presented issuer whether or not revocation checking is on; null when the server stapled none
 */
public record Evidence(String host, ProbeOutcome outcome, String fetchDetail, List<X509Certificate> presented,
		ChainValidation validation, Instant now, Boolean keyMatches, RevocationStatus revocation,
		String unansweredLookup, Handshake handshake, RevocationStatus stapled) {

	public Evidence {
		presented = List.copyOf(presented);
	}

	/** Evidence without a private key, as every endpoint's is. */
	public Evidence(String host, ProbeOutcome outcome, String fetchDetail, List<X509Certificate> presented,
			ChainValidation validation, Instant now) {
		this(host, outcome, fetchDetail, presented, validation, now, null);
	}

	/** Evidence without a revocation status, as every run's is unless revocation checking is on. */
	public Evidence(String host, ProbeOutcome outcome, String fetchDetail, List<X509Certificate> presented,
			ChainValidation validation, Instant now, Boolean keyMatches) {
		this(host, outcome, fetchDetail, presented, validation, now, keyMatches, null);
	}

	/** Evidence of a name DNS answered in full, or that was not looked up in DNS. */
	public Evidence(String host, ProbeOutcome outcome, String fetchDetail, List<X509Certificate> presented,
			ChainValidation validation, Instant now, Boolean keyMatches, RevocationStatus revocation) {
		this(host, outcome, fetchDetail, presented, validation, now, keyMatches, revocation, null, null, null);
	}

	/** The same evidence, of a name DNS left {@code unansweredLookup} about. */
	public Evidence withUnansweredLookup(String unansweredLookup) {
		return new Evidence(this.host, this.outcome, this.fetchDetail, this.presented, this.validation, this.now,
				this.keyMatches, this.revocation, unansweredLookup, this.handshake, this.stapled);
	}

	/** The same evidence, with what the handshake showed and what its stapled OCSP response says. */
	public Evidence withHandshake(Handshake handshake, RevocationStatus stapled) {
		return new Evidence(this.host, this.outcome, this.fetchDetail, this.presented, this.validation, this.now,
				this.keyMatches, this.revocation, this.unansweredLookup, handshake, stapled);
	}

	public boolean hasChain() {
		return !this.presented.isEmpty();
	}

	public X509Certificate leaf() {
		return this.presented.get(0);
	}

	/** What the server sent after its leaf, in the order sent: intermediates, roots, and any strays. */
	public List<X509Certificate> sentAfterLeaf() {
		return hasChain() ? this.presented.subList(1, this.presented.size()) : List.of();
	}

	/**
	 * The leaf and every certificate sent after it but self-signed ones: the certificates clients check
	 * as the server sent them. A self-signed root is left out because clients use their own copy of a
	 * root, never the one on the wire.
	 */
	public List<X509Certificate> leafAndIntermediates() {
		if (!hasChain()) {
			return List.of();
		}
		return Stream.concat(Stream.of(leaf()),
				sentAfterLeaf().stream().filter((certificate) -> !Certificates.isSelfSigned(certificate)))
			.toList();
	}

}
