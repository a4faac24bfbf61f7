package dev.certaudit.delivery;

import java.security.cert.X509Certificate;

import dev.certaudit.analysis.HostnameMatcher;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

/**
 * One endpoint of a run that served a certificate: where the new one must be installed.
 * @param target as the inventory named it, with its labels and any {@code address=}
 * @param address the address it was reached at; null for a certificate file
 * @param certificateVariant {@code RSA} for what RSA-only clients were given beside an ECDSA
 * certificate, else null
 */
record Place(Target target, String address, String certificateVariant) {

	String host() {
		return this.target.host();
	}

	int port() {
		return this.target.port();
	}

	Protocol protocol() {
		return this.target.protocol();
	}

	String owner() {
		return this.target.owner();
	}

	boolean isFile() {
		return this.target.protocol() == Protocol.FILE;
	}

	/**
	 * Whether clients that reach this place by its name accept {@code certificate} for it (RFC 6125 6);
	 * a certificate file has no name to cover, so it always is.
	 */
	boolean coveredBy(X509Certificate certificate) {
		return isFile() || HostnameMatcher.matches(host(), certificate);
	}

	/** {@code host:port}, or the path of a certificate file. */
	String where() {
		return isFile() ? host() : hostPort(host(), port());
	}

	static String hostPort(String host, int port) {
		return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
	}

}
