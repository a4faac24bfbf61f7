package dev.certaudit.analysis.revocation;

import java.time.Instant;

/** What the leaf's issuer says about the leaf: good, revoked, or nothing that can be trusted. */
public sealed interface RevocationStatus {

	/** @param source how the status was learnt, e.g. {@code "OCSP http://ocsp.example.test"} */
	record Good(String source) implements RevocationStatus {
	}

	/** @param reason the CRL reason code's name, or {@code "unspecified"} when the issuer gave none */
	record Revoked(Instant revokedAt, String reason, String source) implements RevocationStatus {
	}

	/** @param why what stopped the status from being established: no URL, timeout, bad signature ... */
	record Unknown(String why) implements RevocationStatus {
	}

}
