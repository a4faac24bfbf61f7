package dev.certaudit.analysis.intermediates;

import java.util.List;

/**
 * Whether a chain the server sent without an intermediate can still be completed, and by whom.
 * @param caIssuersUrl the AIA caIssuers URL of the certificate whose issuer is missing; null without one
 * @param reason why no client can recover, or why it was not checked; null when recoverable
 * @param completedWith the subjects of the certificates that complete the chain to a trusted root
 * (fetched, or from the local intermediates bundle), nearest the leaf first; empty when nothing does
 */
public record IntermediateRecovery(Recoverability recoverability, String caIssuersUrl, String reason,
		List<String> completedWith) {

	public IntermediateRecovery {
		completedWith = List.copyOf(completedWith);
	}

	public enum Recoverability {

		/** The caIssuers URL serves what completes the chain: browsers that fetch AIA cope. */
		BY_AIA_CLIENTS,
		/** No caIssuers URL, or what it serves does not complete the chain: every client fails. */
		NOT_RECOVERABLE,
		/** A caIssuers URL is named but fetching it is off ({@code cert-audit.trust.fetch-aia}). */
		NOT_CHECKED

	}

}
