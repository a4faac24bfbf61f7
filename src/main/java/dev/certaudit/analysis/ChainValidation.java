package dev.certaudit.analysis;

import dev.certaudit.analysis.intermediates.IntermediateRecovery;

/**
 * The verdict of PKIX path building over the presented chain and the configured trust anchors.
 * @param detail the certificate or reason that explains the problem, for the finding's message
 * @param recovery for a missing intermediate, whether and how the chain can still be completed; null
 * otherwise, or when the validator was given no way to look
 * @param lastSent for an issuer that is missing or unknown, the certificate the server sent that names it
 * (the top of the path it sent); null otherwise
 */
public record ChainValidation(boolean trusted, ChainProblem problem, String detail, IntermediateRecovery recovery,
		String lastSent) {

	public static final ChainValidation TRUSTED = new ChainValidation(true, ChainProblem.NONE, null);

	public ChainValidation(boolean trusted, ChainProblem problem, String detail) {
		this(trusted, problem, detail, null, null);
	}

}
