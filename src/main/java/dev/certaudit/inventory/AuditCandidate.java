package dev.certaudit.inventory;


/**
 * An endpoint the inventories ask for, before DNS: {@code candidateId} is stable for the run (the
 * inventory line's position times 1000, plus the expansion's index).
 * @param explicit listed by hand in a host list, so reported even when its name does not resolve
 */
public record AuditCandidate(long runId, long candidateId, Target target, boolean explicit) {

	/** Candidates one inventory line may expand to. */
	public static final int PER_LINE = 1000;

	/** The {@code index}th endpoint that the inventory entry {@code lineId} expands to. */
	static AuditCandidate of(long runId, long lineId, int index, Target target, boolean explicit) {
		return new AuditCandidate(runId, lineId * PER_LINE + index, target, explicit);
	}

}
