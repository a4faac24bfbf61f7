package dev.certaudit.inventory;

/** What an inventory file lists, which decides how its lines become targets. */
public enum SourceKind {

	/** {@code host[:port] [service] [key=value ...]}: audited as written. */
	HOSTS,
	/** {@code domain [key=value ...]}: each domain expanded with the service prefixes. */
	DOMAINS,
	/** A BIND-format zone file: every A, AAAA and CNAME owner name, expanded like a prefix. */
	ZONE,
	/**
	 * A certificate file, or a folder whose certificate files are all taken: each file is one target of
	 * protocol {@link Protocol#FILE}, judged by the same rules as a host's chain.
	 */
	CERT_FILES

}
