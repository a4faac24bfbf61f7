package dev.certaudit.discovery;

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
		String unansweredLookup) {

	/** Addresses one candidate may fan out to. */
	public static final int PER_CANDIDATE = 1000;

	/** The candidate at the address of index {@code addressIndex} among its name's addresses. */
	static AuditTarget of(AuditCandidate candidate, int addressIndex, Target target, String unresolved,
			String unansweredLookup) {
		return new AuditTarget(candidate.runId(), candidate.candidateId() * PER_CANDIDATE + addressIndex,
				candidate.candidateId(), target, unresolved, unansweredLookup);
	}

}
