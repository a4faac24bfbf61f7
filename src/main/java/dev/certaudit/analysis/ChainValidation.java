package dev.certaudit.analysis;

/**
 * The verdict of PKIX path building over the presented chain and the configured trust anchors.
 * @param detail the certificate or reason that explains the problem, for the finding's message
 */
public record ChainValidation(boolean trusted, ChainProblem problem, String detail) {

	public static final ChainValidation TRUSTED = new ChainValidation(true, ChainProblem.NONE, null);

}
