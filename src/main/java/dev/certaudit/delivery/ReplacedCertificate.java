package dev.certaudit.delivery;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The certificate a delivery replaces, and every place a completed run found it served.
 * @param certificate the certificate itself, read back from a chain one of its places presented; null
 * when none could be, and then only {@code served} describes it
 * @param runId the completed run the places come from
 * @param chosen how it was found, in words
 */
record ReplacedCertificate(ServedCertificate served, X509Certificate certificate, long runId, String chosen,
		List<Place> places) {

	ReplacedCertificate {
		places = List.copyOf(places);
	}

	String sha256() {
		return this.served.sha256();
	}

}
