package dev.certaudit.delivery;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One file of a delivery and what it holds.
 * @param name where it lies in the delivery: its path below the delivered folder, its entry in the zip
 * ({@code renewal.zip: certs/www.crt}), or the file's own name
 * @param certificates in the file's order
 * @param privateKeys the keys it holds: only compared with certificates and put into the PKCS#12 the
 * operator asked for, never shown ({@link #toString()} leaves them out)
 * @param requests the certificate signing requests (PKCS#10) it holds, which are not installed
 * @param unreadable why a certificate or key file could not be read; null when it was read or left aside
 * @param ignored why the file was left aside as neither a certificate nor a key file; null otherwise
 */
record DeliveredFile(String name, List<X509Certificate> certificates, List<PrivateKey> privateKeys, int requests,
		String unreadable, String ignored) {

	DeliveredFile {
		certificates = List.copyOf(certificates);
		privateKeys = List.copyOf(privateKeys);
	}

	static DeliveredFile read(String name, List<X509Certificate> certificates, List<PrivateKey> privateKeys,
			int requests) {
		return new DeliveredFile(name, certificates, privateKeys, requests, null, null);
	}

	static DeliveredFile unreadable(String name, String reason) {
		return new DeliveredFile(name, List.of(), List.of(), 0, reason, null);
	}

	static DeliveredFile ignored(String name, String reason) {
		return new DeliveredFile(name, List.of(), List.of(), 0, null, reason);
	}

	@Override
	public String toString() {
		return "DeliveredFile[name=" + this.name + ", certificates=" + this.certificates.size() + ", privateKeys="
				+ this.privateKeys.size() + ", requests=" + this.requests + ", unreadable=" + this.unreadable
				+ ", ignored=" + this.ignored + "]";
	}

}
