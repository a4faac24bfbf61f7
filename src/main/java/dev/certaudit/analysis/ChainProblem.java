package dev.certaudit.analysis;

/** Why a presented chain does not validate to a trusted root, as far as the chain itself tells. */
public enum ChainProblem {

	NONE,
	/** The leaf signed itself and is not a trust anchor. */
	SELF_SIGNED_LEAF,
	/** The chain stops at a certificate whose issuer the server did not send and nobody trusts. */
	MISSING_INTERMEDIATE,
	/** The server sent a root of its own that is not in any trust store. */
	UNTRUSTED_ROOT,
	/** Anything else PKIX rejects: an expired intermediate, a bad signature, a constraint. */
	OTHER

}
