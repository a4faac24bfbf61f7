package dev.certaudit.delivery;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import dev.certaudit.analysis.Certificates;

/**
 * How the new certificate differs from the one it replaces, in what a renewal may change by mistake.
 * @param namesAdded names the new certificate has and the old one had not
 * @param namesDropped names the old certificate had and the new one has not: a place that needs one of
 * them will refuse the new certificate
 * @param daysLater how much later the new certificate expires; negative when it expires sooner
 * @param sameKey whether the new certificate certifies the old one's key; null when the old certificate
 * could not be read back
 */
record CertificateComparison(List<String> namesAdded, List<String> namesDropped, Instant oldNotAfter,
		Instant newNotAfter, long daysLater, Boolean sameKey, String oldIssuer, String newIssuer) {

	CertificateComparison {
		namesAdded = List.copyOf(namesAdded);
		namesDropped = List.copyOf(namesDropped);
	}

	static CertificateComparison of(X509Certificate leaf, ReplacedCertificate replaced) {
		List<String> newNames = names(leaf);
		List<String> oldNames = (replaced.certificate() != null) ? names(replaced.certificate())
				: replaced.served().names();
		Set<String> newSet = lower(newNames);
		Set<String> oldSet = lower(oldNames);
		Instant newNotAfter = leaf.getNotAfter().toInstant();
		Instant oldNotAfter = (replaced.certificate() != null) ? replaced.certificate().getNotAfter().toInstant()
				: replaced.served().notAfter();
		return new CertificateComparison(
				newNames.stream().filter((name) -> !oldSet.contains(name.toLowerCase(Locale.ROOT))).toList(),
				oldNames.stream().filter((name) -> !newSet.contains(name.toLowerCase(Locale.ROOT))).toList(),
				oldNotAfter, newNotAfter,
				(oldNotAfter != null) ? Duration.between(oldNotAfter, newNotAfter).toDays() : 0,
				(replaced.certificate() != null) ? Arrays.equals(replaced.certificate().getPublicKey().getEncoded(),
						leaf.getPublicKey().getEncoded()) : null,
				(replaced.certificate() != null) ? Certificates.issuer(replaced.certificate()) : replaced.served().issuer(),
				Certificates.issuer(leaf));
	}

	boolean expiresLater() {
		return this.oldNotAfter == null || this.newNotAfter.isAfter(this.oldNotAfter);
	}

	boolean issuerChanged() {
		return this.oldIssuer != null && !this.oldIssuer.equals(this.newIssuer);
	}

	/** One line: names added and dropped, expiry, key, issuer. */
	String summary() {
		return String.join("; ",
				"names added: " + (this.namesAdded.isEmpty() ? "none" : String.join(", ", this.namesAdded)),
				"names dropped: " + (this.namesDropped.isEmpty() ? "none" : String.join(", ", this.namesDropped)),
				expiresLater() ? "expires " + this.daysLater + " days later"
						: "expires " + (-this.daysLater) + " days SOONER than the old one",
				(this.sameKey == null) ? "key not compared (the old certificate could not be read back)"
						: this.sameKey ? "same key as the old certificate" : "new key",
				issuerChanged() ? "issuer changed from " + this.oldIssuer : "same issuer");
	}

	/** The SAN's DNS names and IP addresses; the CN of a certificate that has none. */
	static List<String> names(X509Certificate certificate) {
		List<String> names = Certificates.subjectAltNames(certificate);
		if (!names.isEmpty()) {
			return names;
		}
		return commonNames(Certificates.subject(certificate));
	}

	/** The CNs of a distinguished name, for certificates that name their host nowhere else. */
	static List<String> commonNames(String distinguishedName) {
		try {
			return new LdapName(distinguishedName).getRdns()
				.stream()
				.filter((rdn) -> "CN".equalsIgnoreCase(rdn.getType()))
				.map(Rdn::getValue)
				.map(String::valueOf)
				.toList();
		}
		catch (InvalidNameException ex) {
			return List.of();
		}
	}

	private static Set<String> lower(List<String> names) {
		return names.stream().map((name) -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
	}

}
