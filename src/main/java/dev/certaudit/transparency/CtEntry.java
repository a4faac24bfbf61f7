package dev.certaudit.transparency;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a Certificate Transparency search export.
 * @param serialNumber hexadecimal, lower case, without leading zeros, as cert-audit writes serials
 * @param names the DNS names the certificate covers (crt.sh's {@code name_value}), lower case
 * @param ctId the search service's id of the entry (crt.sh's {@code id}), or null
 */
public record CtEntry(String serialNumber, String issuerName, List<String> names, Instant notBefore,
		Instant notAfter, Long ctId) {

	public CtEntry {
		names = List.copyOf(names);
	}

}
