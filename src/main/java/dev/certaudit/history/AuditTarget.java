package dev.certaudit.history;

import dev.certaudit.inventory.Target;

/**
 * One endpoint to probe in a run: a candidate at one of its name's addresses ({@code targetId} is the
 * candidate's id times {@link #PER_CANDIDATE} plus the address's index).
 * @param unresolved why a hand-listed name has no address, else null
 */
public record AuditTarget(long runId, long targetId, long candidateId, Target target, String unresolved) {

	/** Addresses one candidate may fan out to. */
	public static final int PER_CANDIDATE = 1000;

}
