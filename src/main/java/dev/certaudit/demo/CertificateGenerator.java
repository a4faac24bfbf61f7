package dev.certaudit.demo;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates certificate chains with Bouncy Castle for the demo and the tests: roots, intermediates and
 * leaves with chosen names, validity and keys, so every defect the analysis looks for can be produced
 * on demand instead of kept as binary fixtures.
 */
public final class CertificateGenerator {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String subject;

	private IssuedCertificate issuer;

	private final List<String> dnsNames = new ArrayList<>();

	private final List<String> excludedDnsNames = new ArrayList<>();

	private final List<String> ipAddresses = new ArrayList<>();

	private Instant notBefore = Instant.now().minus(Duration.ofDays(30));

	private Instant notAfter = Instant.now().plus(Duration.ofDays(365));

	private boolean certificateAuthority;

	private KeyPair keyPair;

	private String signatureAlgorithm;

	private Integer keyUsage;

	private KeyPurposeId[] extendedKeyUsage;

	private final List<String> ocspUrls = new ArrayList<>();

	private final List<String> crlUrls = new ArrayList<>();

	private final List<String> caIssuersUrls = new ArrayList<>();

	private boolean embeddedScts;

	private CertificateGenerator(String subject) {
		this.subject = subject;
	}

	/** Starts a certificate for the given distinguished name, e.g. {@code "CN=mail.example.test"}. */
	public static CertificateGenerator certificate(String subject) {
		return new CertificateGenerator(subject);
	}

	/** A self-signed CA certificate valid for ten years. */
	public static IssuedCertificate root(String subject) {
		return certificate(subject).certificateAuthority()
			.validFrom(Instant.now().minus(Duration.ofDays(365)))
			.validUntil(Instant.now().plus(Duration.ofDays(3650)))
			.build();
	}

	/** An intermediate CA certificate signed by the given CA, valid for five years. */
	public static IssuedCertificate intermediate(String subject, IssuedCertificate issuer) {
		return certificate(subject).issuedBy(issuer)
			.certificateAuthority()
			.validFrom(Instant.now().minus(Duration.ofDays(180)))
			.validUntil(Instant.now().plus(Duration.ofDays(1825)))
			.build();
	}

	/**
	 * A server certificate for {@code name} issued by {@code issuer} that expires {@code daysLeft} days
	 * (and an hour, so whole-day counts are stable) from now, with a 397-day validity like public CAs'.
	 */
	public static IssuedCertificate server(String name, IssuedCertificate issuer, int daysLeft) {
		Instant notAfter = Instant.now().plus(Duration.ofDays(daysLeft)).plus(Duration.ofHours(1));
		return certificate("CN=" + name).issuedBy(issuer)
			.dnsNames(name)
			.validFrom(notAfter.minus(Duration.ofDays(397)))
			.validUntil(notAfter)
			.build();
	}

	public CertificateGenerator issuedBy(IssuedCertificate issuer) {
		this.issuer = issuer;
		return this;
	}

	public CertificateGenerator dnsNames(String... names) {
		this.dnsNames.addAll(List.of(names));
		return this;
	}

	/** For a CA: DNS names it may not issue for, in a critical name constraints extension (RFC 5280 4.2.1.10). */
	public CertificateGenerator excludedDnsNames(String... names) {
		this.excludedDnsNames.addAll(List.of(names));
		return this;
	}

	public CertificateGenerator ipAddresses(String... addresses) {
		this.ipAddresses.addAll(List.of(addresses));
		return this;
	}

	public CertificateGenerator validFrom(Instant notBefore) {
		this.notBefore = notBefore;
		return this;
	}

	public CertificateGenerator validUntil(Instant notAfter) {
		this.notAfter = notAfter;
		return this;
	}

	public CertificateGenerator certificateAuthority() {
		this.certificateAuthority = true;
		return this;
	}

	public CertificateGenerator keyPair(KeyPair keyPair) {
		this.keyPair = keyPair;
		return this;
	}

	public CertificateGenerator signatureAlgorithm(String signatureAlgorithm) {
		this.signatureAlgorithm = signatureAlgorithm;
		return this;
	}

	/** Replaces the default key usage, e.g. {@code KeyUsage.keyAgreement}. */
	public CertificateGenerator keyUsage(int keyUsage) {
		this.keyUsage = keyUsage;
		return this;
	}

	/** Replaces a leaf's default extended key usage (serverAuth), e.g. with clientAuth only. */
	public CertificateGenerator extendedKeyUsage(KeyPurposeId... purposes) {
		this.extendedKeyUsage = purposes.clone();
		return this;
	}

	/** An Authority Information Access OCSP responder, e.g. {@code "http://127.0.0.1:8080/ocsp"}. */
	public CertificateGenerator ocspUrl(String url) {
		this.ocspUrls.add(url);
		return this;
	}

	/** An Authority Information Access caIssuers URL, where the issuer's certificate is published. */
	public CertificateGenerator caIssuersUrl(String url) {
		this.caIssuersUrls.add(url);
		return this;
	}

	/**
	 * An embedded SCT list extension (RFC 6962 3.3), as public CAs add for the logs they submitted the
	 * certificate to; empty, since only its presence is looked at.
	 */
	public CertificateGenerator embeddedScts() {
		this.embeddedScts = true;
		return this;
	}

	/** A CRL distribution point with this URL as its full name, e.g. {@code "http://127.0.0.1:8080/ca.crl"}. */
	public CertificateGenerator crlDistributionPoint(String url) {
		this.crlUrls.add(url);
		return this;
	}

	public IssuedCertificate build() {
		try {
			KeyPair subjectKeys = (this.keyPair != null) ? this.keyPair : ecKeyPair();
			KeyPair signingKeys = (this.issuer != null) ? this.issuer.keyPair() : subjectKeys;
			// parsed as RFC 4514 by the JDK, so "CN=host,O=org" reads back as written
			X500Name subjectName = X500Name.getInstance(new X500Principal(this.subject).getEncoded());
			X500Name issuerName = (this.issuer != null)
					? X500Name.getInstance(this.issuer.certificate().getSubjectX500Principal().getEncoded())
					: subjectName;
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
					new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(this.notBefore),
					Date.from(this.notAfter), subjectName, subjectKeys.getPublic());
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(signingKeys.getPublic()));
			if (this.certificateAuthority) {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
				builder.addExtension(Extension.keyUsage, true, new KeyUsage((this.keyUsage != null) ? this.keyUsage
						: KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
			}
			else {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(
						(this.keyUsage != null) ? this.keyUsage : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
				builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
						(this.extendedKeyUsage != null) ? this.extendedKeyUsage
								: new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth }));
			}
			if (!this.excludedDnsNames.isEmpty()) {
				builder.addExtension(Extension.nameConstraints, true, new NameConstraints(null,
						this.excludedDnsNames.stream()
							.map((name) -> new GeneralSubtree(new GeneralName(GeneralName.dNSName, name)))
							.toArray(GeneralSubtree[]::new)));
			}
			List<GeneralName> altNames = new ArrayList<>();
			this.dnsNames.forEach((name) -> altNames.add(new GeneralName(GeneralName.dNSName, name)));
			this.ipAddresses.forEach((ip) -> altNames.add(new GeneralName(GeneralName.iPAddress, ip)));
			if (!altNames.isEmpty()) {
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(altNames.toArray(GeneralName[]::new)));
			}
			List<AccessDescription> access = new ArrayList<>();
			this.ocspUrls.forEach((url) -> access.add(new AccessDescription(AccessDescription.id_ad_ocsp,
					new GeneralName(GeneralName.uniformResourceIdentifier, url))));
			this.caIssuersUrls.forEach((url) -> access.add(new AccessDescription(AccessDescription.id_ad_caIssuers,
					new GeneralName(GeneralName.uniformResourceIdentifier, url))));
			if (!access.isEmpty()) {
				builder.addExtension(Extension.authorityInfoAccess, false,
						new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)));
			}
			if (!this.crlUrls.isEmpty()) {
				builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(this.crlUrls.stream()
					.map((url) -> new DistributionPoint(new DistributionPointName(
							new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null))
					.toArray(DistributionPoint[]::new)));
			}
			if (this.embeddedScts) {
				builder.addExtension(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), false,
						new DEROctetString(new byte[] { 0, 0 }));
			}
			String algorithm = (this.signatureAlgorithm != null) ? this.signatureAlgorithm
					: defaultSignatureAlgorithm(signingKeys);
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKeys.getPrivate())));
			return new IssuedCertificate(certificate, subjectKeys);
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Cannot generate certificate " + this.subject, ex);
		}
	}

	public static KeyPair ecKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static KeyPair rsaKeyPair(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits, RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A DSA key pair, which no public CA may certify any more, for the weak-key rule's tests. */
	public static KeyPair dsaKeyPair(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("DSA");
			generator.initialize(bits, RANDOM);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String defaultSignatureAlgorithm(KeyPair signer) {
		return switch (signer.getPrivate().getAlgorithm()) {
			case "EC" -> "SHA256withECDSA";
			case "DSA" -> "SHA256withDSA";
			default -> "SHA256withRSA";
		};
	}

}
