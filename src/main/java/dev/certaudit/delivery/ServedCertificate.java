package dev.certaudit.delivery;

import java.time.Instant;
import java.util.List;

/**
 * A certificate a run found served, as the run's assessments describe it.
 * @param names its subject alternative names, or its CN when it has none
 * @param places how many endpoints of the run served it
 */
record ServedCertificate(String sha256, String subject, String issuer, Instant notAfter, List<String> names,
		long places) {

	ServedCertificate {
		names = List.copyOf(names);
	}

}
