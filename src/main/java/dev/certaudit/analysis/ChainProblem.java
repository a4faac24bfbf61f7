package dev.certaudit.analysis;

/** Why a presented chain does not validate to a trusted root, as far as the chain itself tells. */
public enum ChainProblem {

	NONE,
	/** The leaf signed itself and is not a trust anchor. */
	SELF_SIGNED_LEAF,
	/**
	 * The server did not send the leaf's issuer, or the chain it sent is completed by an intermediate it
	 * left out, and nobody trusts the issuer's name as a root.
	 */
	MISSING_INTERMEDIATE,
	/**
	 * The server sent the leaf's issuer and the chain up to a CA whose issuer it did not send and nobody
	 * trusts: a private root the audit does not trust, or a public chain cut short above that CA.
	 */
	UNKNOWN_ISSUER,
	/** The server sent a root of its own that is not in any trust store. */
	UNTRUSTED_ROOT,
	/** Anything else PKIX rejects: an expired intermediate, a bad signature, a constraint. */
	OTHER

}
