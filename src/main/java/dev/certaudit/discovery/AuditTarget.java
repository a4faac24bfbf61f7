package dev.certaudit.discovery;

import java.util.HashMap;
import java.util.Map;

import dev.certaudit.inventory.AuditCandidate;
import dev.certaudit.inventory.Target;

/**
 * One endpoint to probe in a run: a candidate at one of its name's addresses ({@code targetId} is the
 * candidate's id times {@link #PER_CANDIDATE} plus the address's index).
 * @param unresolved why a hand-listed name has no address, else null
 * @param unansweredLookup what DNS left unanswered about the name while it gave this address, e.g.
 * {@code AAAA lookup failed: REFUSED}: the name may have addresses nobody audited; else null
 */
public record AuditTarget(long runId, long targetId, long candidateId, Target target, String unresolved,
		String unansweredLookup, String certificateVariant) {

	/** Ids one candidate has: half for its addresses, half for second looks at them. */
	public static final int PER_CANDIDATE = 1000;

	/** Addresses one candidate may fan out to. */
	public static final int MAX_ADDRESSES = PER_CANDIDATE / 2;

	/** The certificate a server gives clients that offer only RSA signatures, beside its ECDSA one. */
	public static final String RSA_VARIANT = "RSA";

	/** The endpoint as discovery made it: the certificate every client gets, or the one a modern client does. */
	public AuditTarget(long runId, long targetId, long candidateId, Target target, String unresolved,
			String unansweredLookup) {
		this(runId, targetId, candidateId, target, unresolved, unansweredLookup, null);
	}

	/**
	 * The same endpoint as RSA-only clients see it, a row of its own beside this one: its id is in the
	 * candidate's upper half, and its label says which certificate it is.
	 */
	public AuditTarget rsaVariant() {
		Map<String, String> labels = new HashMap<>(this.target.labels());
		labels.put("certificate", RSA_VARIANT);
		Target t = this.target;
		return new AuditTarget(this.runId, this.targetId + MAX_ADDRESSES, this.candidateId,
				new Target(t.host(), t.port(), t.protocol(), t.address(), labels, t.origin()), this.unresolved,
				this.unansweredLookup, RSA_VARIANT);
	}

	/** The candidate at the address of index {@code addressIndex} among its name's addresses. */
	static AuditTarget of(AuditCandidate candidate, int addressIndex, Target target, String unresolved,
			String unansweredLookup) {
		return new AuditTarget(candidate.runId(), candidate.candidateId() * PER_CANDIDATE + addressIndex,
				candidate.candidateId(), target, unresolved, unansweredLookup);
	}

}
