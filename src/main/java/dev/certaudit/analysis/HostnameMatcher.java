package dev.certaudit.analysis;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import dev.certaudit.inventory.IpLiterals;

/**
 * Whether a certificate is valid for a name, per RFC 6125 section 6 as browsers apply it: DNS names
 * from the SAN, a wildcard only as the whole left-most label and matching exactly one label, IP
 * addresses only against IP SANs, and the subject CN only when the certificate has no DNS SAN at all.
 */
public final class HostnameMatcher {

	private HostnameMatcher() {
	}

	public static boolean matches(String host, X509Certificate certificate) {
		if (IpLiterals.isIpLiteral(host)) {
			return Certificates.ipAddresses(certificate).stream().anyMatch((ip) -> sameAddress(ip, host));
		}
		List<String> dnsNames = Certificates.dnsNames(certificate);
		if (!dnsNames.isEmpty()) {
			return dnsNames.stream().anyMatch((pattern) -> matchesPattern(host, pattern));
		}
		String commonName = commonName(certificate);
		return commonName != null && matchesPattern(host, commonName);
	}

	static boolean matchesPattern(String host, String pattern) {
		String name = trimDot(host.toLowerCase(Locale.ROOT));
		String presented = trimDot(pattern.toLowerCase(Locale.ROOT));
		if (!presented.startsWith("*.")) {
			return name.equals(presented);
		}
		String suffix = presented.substring(1);
		// "*.com" would cover a whole TLD; CA/B Baseline Requirements 3.2.2.6 forbid issuing it
		if (suffix.chars().filter((c) -> c == '.').count() < 2) {
			return false;
		}
		if (!name.endsWith(suffix)) {
			return false;
		}
		String label = name.substring(0, name.length() - suffix.length());
		return !label.isEmpty() && !label.contains(".");
	}

	private static String trimDot(String name) {
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	private static boolean sameAddress(String presented, String host) {
		try {
			return InetAddress.getByName(presented).equals(InetAddress.getByName(host));
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static String commonName(X509Certificate certificate) {
		try {
			List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
			String commonName = null;
			for (Rdn rdn : rdns) {
				if ("CN".equalsIgnoreCase(rdn.getType())) {
					commonName = String.valueOf(rdn.getValue());
				}
			}
			return commonName;
		}
		catch (InvalidNameException ex) {
			return null;
		}
	}

}
