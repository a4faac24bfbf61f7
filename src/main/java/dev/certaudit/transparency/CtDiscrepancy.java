package dev.certaudit.transparency;

import java.time.Instant;

/**
 * Where the Certificate Transparency logs and the audited estate disagree.
 * @param serialNumber null for a name
 * @param names the certificate's names, comma-separated, or the one name not in the inventory
 * @param ctId the search service's id of the entry, when the export has one
 * @param detail where a deployed certificate is served, or what DNS said about a name
 */
public record CtDiscrepancy(Kind kind, String serialNumber, String names, String issuer, Instant notAfter, Long ctId,
		String detail) {

	public enum Kind {

		/** A still valid certificate the logs know that no audited endpoint serves: a spare, or a stray key. */
		ISSUED_NOT_DEPLOYED("issued, never seen deployed"),
		/** A served certificate whose CA logged it (it carries SCTs) that the export lacks: an incomplete search. */
		DEPLOYED_NOT_IN_EXPORT("deployed, not in the CT export"),
		/** A name of a still valid logged certificate that the inventory does not audit: a forgotten host. */
		NAME_NOT_IN_INVENTORY("name in CT, not in the inventory");

		private final String label;

		Kind(String label) {
			this.label = label;
		}

		public String label() {
			return this.label;
		}

	}

}
