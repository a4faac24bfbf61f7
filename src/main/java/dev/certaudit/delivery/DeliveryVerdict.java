package dev.certaudit.delivery;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.certaudit.analysis.Assessment;
import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.ChainProblem;
import dev.certaudit.analysis.ChainValidation;
import dev.certaudit.analysis.Severity;
import dev.certaudit.analysis.rules.MissingIntermediateRule;
import dev.certaudit.analysis.rules.UntrustedChainRule;

/**
 * Whether a delivery is ready to install everywhere the certificate it replaces is served, and why not.
 * @param assessment the new certificate judged by the audit's rules, as a certificate file is judged
 * @param runId the completed run whose places were searched; null when there is none
 * @param replaced the certificate it replaces; null when none was found
 * @param comparison how the new certificate differs from the replaced one; null without one
 * @param problems what stands in the way of installing it, each in words; empty when ready
 * @param notes what the operator should know that does not stand in the way
 */
record DeliveryVerdict(Instant checkedAt, DeliveredChain chain, Assessment assessment, Long runId,
		ReplacedCertificate replaced, CertificateComparison comparison, List<String> problems, List<String> notes) {

	/** The exit codes of check-delivery, as cert-audit's own: 0 fine, 2 not, 3 could not be checked. */
	static final int READY = 0;

	static final int NOT_READY = 2;

	static final int UNREADABLE = 3;

	/** The chain's own findings, which the chain's line states in a delivery's words. */
	private static final Set<String> CHAIN_RULES = Set.of(new MissingIntermediateRule().metadata().id().value(),
			new UntrustedChainRule().metadata().id().value());

	DeliveryVerdict {
		problems = List.copyOf(problems);
		notes = List.copyOf(notes);
	}

	static DeliveryVerdict judge(Instant checkedAt, DeliveredChain chain, Assessment assessment, Long runId,
			ReplacedCertificate replaced) {
		X509Certificate leaf = chain.leaf();
		X509Certificate old = (replaced != null) ? replaced.certificate() : null;
		CertificateComparison comparison = (replaced != null) ? CertificateComparison.of(leaf, replaced) : null;
		List<String> problems = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		if (chain.keyDelivered() && !chain.keyMatches()) {
			problems.add(chain.otherKeys()
				.stream()
				.map((key) -> "the private key in " + key.file() + " does not belong to the certificate: it is "
						+ chain.owner(key, old))
				.distinct()
				.collect(Collectors.joining("; ")));
		}
		if (!chain.keyDelivered()) {
			notes.add("no private key was delivered: the servers need the key the certificate request was made with");
		}
		if (chainBlocks(chain.validation())) {
			problems.add(chainProblem(chain));
		}
		assessment.findings()
			.stream()
			.filter((finding) -> finding.severity() == Severity.CRITICAL)
			.filter((finding) -> !CHAIN_RULES.contains(finding.ruleId().value()))
			.forEach((finding) -> problems.add(finding.ruleId().value() + ": " + finding.message()));
		assessment.findings()
			.stream()
			.filter((finding) -> finding.severity() != Severity.CRITICAL)
			.forEach((finding) -> notes.add(finding.ruleId().value() + ": " + finding.message()));
		if (replaced != null) {
			List<Place> uncovered = replaced.places().stream().filter((place) -> !place.coveredBy(leaf)).toList();
			if (!uncovered.isEmpty()) {
				problems.add("does not cover " + uncovered.size() + " of the " + replaced.places().size()
						+ " places of the old certificate: " + uncovered.stream()
							.map(DeliveryVerdict::describe)
							.collect(Collectors.joining(", ")));
			}
			if (!comparison.expiresLater()) {
				notes.add("it expires " + (-comparison.daysLater()) + " days before the certificate it replaces");
			}
			if (Boolean.TRUE.equals(comparison.sameKey())) {
				notes.add("it certifies the old certificate's key: fine for a renewal, unless that key may have leaked");
			}
		}
		return new DeliveryVerdict(checkedAt, chain, assessment, runId, replaced, comparison, problems, notes);
	}

	/** The same verdict with one more thing worth knowing. */
	DeliveryVerdict withNote(String note) {
		List<String> more = new ArrayList<>(this.notes);
		more.add(note);
		return new DeliveryVerdict(this.checkedAt, this.chain, this.assessment, this.runId, this.replaced,
				this.comparison, this.problems, more);
	}

	boolean ready() {
		return this.problems.isEmpty();
	}

	int exitCode() {
		return ready() ? READY : NOT_READY;
	}

	/** The verdict in one line: {@code ready: covers all 5 places of the old certificate}, or what is missing. */
	String headline() {
		if (!ready()) {
			return "not ready: " + String.join("; ", this.problems);
		}
		if (this.replaced != null) {
			int places = this.replaced.places().size();
			return "ready: covers " + ((places == 1) ? "the one place" : "all " + places + " places")
					+ " of the old certificate";
		}
		if (this.runId != null) {
			return "ready: no certificate served in run " + this.runId
					+ " shares a name with it, so no place of an old one to cover";
		}
		return "ready: there is no completed run to find the places of the certificate it replaces";
	}

	/** The chain in one line: intermediates supplied or which is missing, root sent or not. */
	String chainLine() {
		return chainSummary(this.chain);
	}

	Map<String, List<String>> holdings() {
		return this.chain.holdings((this.replaced != null) ? this.replaced.certificate() : null);
	}

	static String describe(Place place) {
		List<String> details = new ArrayList<>();
		details.add(place.protocol().name());
		if (place.address() != null) {
			details.add(place.address());
		}
		if (place.owner() != null) {
			details.add("owner " + place.owner());
		}
		return place.where() + " (" + String.join(", ", details) + ")";
	}

	private static boolean chainBlocks(ChainValidation validation) {
		return validation.problem() != ChainProblem.NONE && validation.problem() != ChainProblem.SELF_SIGNED_LEAF;
	}

	/** What was delivered of the chain and whether it is whole. */
	private static String chainSummary(DeliveredChain chain) {
		String supplied = chain.intermediates().isEmpty() ? "none"
				: chain.intermediates().stream().map(Certificates::subject).collect(Collectors.joining(", "));
		String root = (chain.root() != null)
				? "root " + Certificates.subject(chain.root()) + " sent (left out of chain.pem: clients use their own copy)"
				: "root not sent";
		if (chain.validation().problem() == ChainProblem.NONE) {
			return (chain.intermediates().isEmpty()
					? "complete: the certificate's issuer is a trusted root, no intermediate is needed"
					: "intermediates supplied: " + supplied) + "; " + root;
		}
		return chainProblem(chain) + "; intermediates supplied: " + supplied + "; " + root;
	}

	/** Why the chain is not whole, as what stands in the way of installing it. */
	private static String chainProblem(DeliveredChain chain) {
		ChainValidation validation = chain.validation();
		return switch (validation.problem()) {
			case NONE -> "";
			case MISSING_INTERMEDIATE -> "intermediates missing: the certificate of " + validation.detail()
					+ " was not delivered" + ((chain.caIssuersUrl() != null)
							? " (its AIA URL: " + chain.caIssuersUrl() + ")"
							: " and the certificate names no AIA URL to fetch it from")
					+ completion(validation);
			case UNKNOWN_ISSUER -> "the chain ends at " + validation.lastSent() + ", whose issuer " + validation.detail()
					+ " is neither delivered nor trusted: for a private CA, add its root to cert-audit.trust.extra-store;"
					+ " for a public CA, an intermediate above it is missing";
			case UNTRUSTED_ROOT -> "the chain ends at root " + validation.detail() + ", which is not trusted";
			case SELF_SIGNED_LEAF -> "the certificate signs itself: no CA issued it";
			case OTHER -> "the chain does not validate: " + validation.detail();
		};
	}

	private static String completion(ChainValidation validation) {
		if (validation.recovery() == null || validation.recovery().completedWith().isEmpty()) {
			return "";
		}
		return "; the chain completes with " + String.join(", ", validation.recovery().completedWith());
	}

}
