package dev.certaudit.analysis;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.certaudit.analysis.revocation.OcspResponses;
import dev.certaudit.analysis.revocation.RevocationChecker;
import dev.certaudit.analysis.revocation.RevocationStatus;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.probe.Handshake;
import dev.certaudit.probe.ProbeOutcome;
import dev.certaudit.probe.ProbeResult;
import dev.certaudit.probe.ProbedTarget;

/**
 * Runs every rule over one endpoint's evidence and derives its status, and the rules across addresses
 * over what the addresses of one name served. The rules are the ones {@link RuleCatalogue} finds.
 */
public final class AnalysisEngine {

	/** By severity, so an endpoint's findings come out in the order reports list them. */
	private final List<Rule> rules;

	private final List<AcrossAddressesRule> acrossAddressesRules;

	private final ChainValidator chainValidator;

	private final RevocationChecker revocationChecker;

	/** An engine that never asks about revocation, so it makes no network call. */
	public AnalysisEngine(Thresholds thresholds, TrustAnchors trustAnchors) {
		this(thresholds, trustAnchors, null);
	}

	/** @param revocationChecker null when revocation checking is off, as it is by default */
	public AnalysisEngine(Thresholds thresholds, TrustAnchors trustAnchors, RevocationChecker revocationChecker) {
		this(thresholds, new ChainValidator(trustAnchors), revocationChecker);
	}

	/** @param revocationChecker null when revocation checking is off, as it is by default */
	public AnalysisEngine(Thresholds thresholds, ChainValidator chainValidator, RevocationChecker revocationChecker) {
		this.chainValidator = chainValidator;
		this.revocationChecker = revocationChecker;
		RuleCatalogue catalogue = new RuleCatalogue(thresholds);
		this.rules = catalogue.endpointRules();
		this.acrossAddressesRules = catalogue.acrossAddressesRules();
	}

	public List<Rule> rules() {
		return this.rules;
	}

	public List<AcrossAddressesRule> acrossAddressesRules() {
		return this.acrossAddressesRules;
	}

	/** The validator the rules see chains through, for whoever needs the chain's verdict itself. */
	public ChainValidator chainValidator() {
		return this.chainValidator;
	}

	/**
	 * Judges one probed target at the run's judgement instant, so every endpoint of a run is judged alike;
	 * a certificate file has no name that clients check it against.
	 */
	public AssessedTarget assess(ProbedTarget probed, Instant now) {
		String host = (probed.protocol() == Protocol.FILE) ? null : probed.host();
		Evidence evidence = gather(host, probed.probe(), now).withUnansweredLookup(probed.target().unansweredLookup());
		return new AssessedTarget(probed.runId(), probed.targetId(), assess(evidence));
	}

	/** @param host the name clients use, or null for a certificate file: no name to check */
	public Assessment assess(String host, ProbeResult probe, Instant now) {
		return assess(gather(host, probe, now));
	}

	private Assessment assess(Evidence evidence) {
		Instant now = evidence.now();
		List<Finding> findings = this.rules.stream()
			.map((rule) -> rule.evaluate(evidence))
			.flatMap(Optional::stream)
			.toList();
		Status status = status(evidence, findings);
		if (!evidence.hasChain()) {
			return new Assessment(status, null, null, null, null, null, List.of(), null, null, findings);
		}
		X509Certificate leaf = evidence.leaf();
		Instant notAfter = leaf.getNotAfter().toInstant();
		return new Assessment(status, DaysLeft.of(now, notAfter), leaf.getNotBefore().toInstant(), notAfter,
				Certificates.subject(leaf), Certificates.issuer(leaf), Certificates.subjectAltNames(leaf),
				leaf.getSerialNumber().toString(16), Certificates.sha256(leaf), findings);
	}

	/**
	 * Judges together what every address of one name and port served, once each address is assessed.
	 * @param endpoint {@code host:port} the addresses belong to
	 * @param served what each address served, in address order
	 */
	public List<Finding> assessAcrossAddresses(String endpoint, List<AcrossAddressesRule.Served> served) {
		return this.acrossAddressesRules.stream()
			.map((rule) -> rule.evaluate(endpoint, served))
			.flatMap(Optional::stream)
			.toList();
	}

	private Evidence gather(String host, ProbeResult probe, Instant now) {
		if (probe.outcome() != ProbeOutcome.FETCHED) {
			return new Evidence(host, probe.outcome(), probe.detail(), List.of(), null, now);
		}
		List<X509Certificate> chain = probe.chain();
		if (chain.isEmpty()) {
			return new Evidence(host, probe.outcome(), "the server sent no certificate", List.of(), null, now);
		}
		Evidence evidence = new Evidence(host, probe.outcome(), null, chain, this.chainValidator.validate(chain, now),
				now, probe.keyMatches(), revocation(chain));
		return evidence.withHandshake(probe.handshake(), stapled(chain, probe.handshake()));
	}

	/**
	 * A staple costs no request to the CA, so it is always read; it is judged at the wall clock, the time
	 * of the handshake, not at the run's judging instant.
	 */
	private static RevocationStatus stapled(List<X509Certificate> chain, Handshake handshake) {
		if (handshake == null || handshake.stapledOcsp() == null) {
			return null;
		}
		List<X509Certificate> path = Certificates.issuerPath(chain);
		if (path.size() < 2) {
			return new RevocationStatus.Unknown("the server sent no issuer to check its stapled response against");
		}
		return OcspResponses.stapled(handshake.stapledOcsp(), path.get(0), path.get(1), Instant.now());
	}

	/**
	 * Only the presented issuer can be asked about: OCSP CertIDs and CRL signatures need its name and
	 * key, and a leaf whose signature does not verify with it is a bad chain, not a revocation question.
	 */
	private RevocationStatus revocation(List<X509Certificate> chain) {
		if (this.revocationChecker == null) {
			return null;
		}
		List<X509Certificate> path = Certificates.issuerPath(chain);
		if (path.size() < 2 || !Certificates.signedBy(path.get(0), path.get(1))) {
			return null;
		}
		return this.revocationChecker.check(path.get(0), path.get(1));
	}

	private static Status status(Evidence evidence, List<Finding> findings) {
		if (evidence.outcome() != ProbeOutcome.FETCHED) {
			return Status.ERROR;
		}
		if (evidence.hasChain()) {
			Instant now = evidence.now();
			if (now.isAfter(evidence.leaf().getNotAfter().toInstant())) {
				return Status.EXPIRED;
			}
			if (now.isBefore(evidence.leaf().getNotBefore().toInstant())) {
				return Status.NOT_YET_VALID;
			}
		}
		return findings.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElse(Severity.INFO).status();
	}

}
