package dev.certaudit.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import dev.certaudit.probe.CertificateFileReader;

/**
 * Reads one delivered file by what it holds, not by its name, since deliveries come as {@code cert.crt},
 * {@code key.txt} or {@code www_example_com.p7b} alike: PEM (certificates, private keys in PKCS#1,
 * SEC 1 or PKCS#8 form, encrypted or not, PKCS#7 bundles, requests), PKCS#12, DER certificates and
 * PKCS#7 bundles, and DER PKCS#8 keys. Unlike {@code --certs}, which judges each file on its own, a
 * delivery spreads one certificate, its key and its chain over several files, so every certificate and
 * key is handed on, to be paired across files.
 */
final class DeliveredFileParser {

	/** What certificate and key files are called: one that cannot be read is an unreadable delivery, not a stray. */
	private static final Set<String> CERTIFICATE_EXTENSIONS = Set.of("pem", "crt", "cer", "der", "cert", "p12",
			"pfx", "p7b", "p7c", "key", "csr", "req", "ca-bundle");

	private static final BouncyCastleProvider BC = new BouncyCastleProvider();

	private final char[] password;

	/** @param password for PKCS#12 files and encrypted keys (CERT_AUDIT_CERT_FILES_PASSWORD), or null */
	DeliveredFileParser(String password) {
		this.password = (password != null) ? password.toCharArray() : null;
	}

	/** What the file holds; never throws. The caller's buffer, which may hold a private key, is wiped. */
	DeliveredFile parse(String name, byte[] bytes) {
		try {
			if (new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN ")) {
				try {
					return pem(name, bytes);
				}
				catch (UnreadableFile ex) {
					throw ex;
				}
				// a damaged block, or a key the password does not open: PEM is a certificate or key file
				catch (Exception ex) {
					throw new UnreadableFile(CertificateFileReader.reason(ex));
				}
			}
			// PKCS#12, DER certificates, PKCS#7 and PKCS#8 are each an ASN.1 SEQUENCE (X.690 8.9)
			if (bytes.length == 0 || bytes[0] != 0x30) {
				return notCertificates(name, "neither PEM nor DER");
			}
			if (isPkcs12(bytes)) {
				return pkcs12(name, bytes);
			}
			List<X509Certificate> certificates = der(bytes);
			if (!certificates.isEmpty()) {
				return DeliveredFile.read(name, certificates, List.of(), 0);
			}
			PrivateKey key = derKey(bytes);
			if (key != null) {
				return DeliveredFile.read(name, List.of(), List.of(key), 0);
			}
			return notCertificates(name, "neither a certificate nor a private key");
		}
		catch (UnreadableFile ex) {
			return DeliveredFile.unreadable(name, ex.getMessage());
		}
		// whatever a damaged file makes the parsers throw says the file is damaged, not that the check failed
		catch (Exception ex) {
			return notCertificates(name, CertificateFileReader.reason(ex));
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	/** A file named like a certificate or key file that is none is unreadable; any other is left aside. */
	static DeliveredFile notCertificates(String name, String reason) {
		String lower = name.toLowerCase(Locale.ROOT);
		int dot = lower.lastIndexOf('.');
		if (dot >= 0 && CERTIFICATE_EXTENSIONS.contains(lower.substring(dot + 1))) {
			return DeliveredFile.unreadable(name, reason);
		}
		return DeliveredFile.ignored(name, "not a certificate or key file");
	}

	private DeliveredFile pem(String name, byte[] bytes) throws Exception {
		JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
		JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
		List<X509Certificate> certificates = new ArrayList<>();
		List<PrivateKey> privateKeys = new ArrayList<>();
		int requests = 0;
		try (Reader text = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
				PEMParser parser = new PEMParser(text)) {
			Object object;
			while ((object = parser.readObject()) != null) {
				switch (object) {
					case X509CertificateHolder holder -> certificates.add(converter.getCertificate(holder));
					case X509TrustedCertificateBlock trusted ->
						certificates.add(converter.getCertificate(trusted.getCertificateHolder()));
					// "-----BEGIN PKCS7-----": a bundle as Windows and some CAs export the chain
					case ContentInfo bundle -> {
						for (X509CertificateHolder holder : new CMSSignedData(bundle).getCertificates().getMatches(null)) {
							certificates.add(converter.getCertificate(holder));
						}
					}
					// "RSA PRIVATE KEY" (PKCS#1), "EC PRIVATE KEY" (SEC 1)
					case PEMKeyPair pair -> privateKeys.add(keys.getPrivateKey(pair.getPrivateKeyInfo()));
					// "PRIVATE KEY" (PKCS#8)
					case PrivateKeyInfo info -> privateKeys.add(keys.getPrivateKey(info));
					case PKCS8EncryptedPrivateKeyInfo encrypted -> privateKeys.add(keys.getPrivateKey(encrypted
						.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC)
							.build(requirePassword()))));
					case PEMEncryptedKeyPair encrypted -> privateKeys.add(keys.getPrivateKey(encrypted
						.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(requirePassword()))
						.getPrivateKeyInfo()));
					case PKCS10CertificationRequest request -> requests++;
					// EC parameters, public keys, CRLs: nothing to install
					default -> {
					}
				}
			}
		}
		if (certificates.isEmpty() && privateKeys.isEmpty() && requests == 0) {
			return notCertificates(name, "a PEM file without a certificate or private key");
		}
		return DeliveredFile.read(name, certificates, privateKeys, requests);
	}

	/** A PFX PDU (RFC 7292 4): version 3 and authenticated content, which no certificate or key is. */
	private static boolean isPkcs12(byte[] bytes) {
		try {
			new PKCS12PfxPdu(bytes);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private DeliveredFile pkcs12(String name, byte[] bytes) throws Exception {
		char[] secret = (this.password != null) ? this.password : new char[0];
		KeyStore store = KeyStore.getInstance("PKCS12");
		try {
			store.load(new ByteArrayInputStream(bytes), secret);
		}
		catch (IOException ex) {
			throw new UnreadableFile((this.password != null)
					? "a PKCS#12 file that the password in CERT_AUDIT_CERT_FILES_PASSWORD does not open (" + CertificateFileReader.reason(ex) + ")"
					: "a PKCS#12 file that needs a password: set CERT_AUDIT_CERT_FILES_PASSWORD");
		}
		List<X509Certificate> certificates = new ArrayList<>();
		List<PrivateKey> privateKeys = new ArrayList<>();
		for (String alias : Collections.list(store.aliases())) {
			if (store.isKeyEntry(alias)) {
				Key key = store.getKey(alias, secret);
				if (key instanceof PrivateKey privateKey) {
					privateKeys.add(privateKey);
				}
				Certificate[] chain = store.getCertificateChain(alias);
				if (chain != null) {
					certificates.addAll(x509(List.of(chain)));
				}
			}
			else if (store.isCertificateEntry(alias)) {
				certificates.addAll(x509(List.of(store.getCertificate(alias))));
			}
		}
		return DeliveredFile.read(name, certificates.stream().distinct().toList(), privateKeys, 0);
	}

	/** The JDK's factory reads a DER certificate and a DER PKCS#7 bundle alike. */
	private static List<X509Certificate> der(byte[] bytes) {
		try {
			return x509(CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)));
		}
		catch (CertificateException ex) {
			return List.of();
		}
	}

	private static PrivateKey derKey(byte[] bytes) {
		try {
			return new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(bytes)));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	private static List<X509Certificate> x509(Collection<? extends Certificate> certificates) {
		return certificates.stream().filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
	}

	private char[] requirePassword() {
		if (this.password == null) {
			throw new UnreadableFile("an encrypted private key: set CERT_AUDIT_CERT_FILES_PASSWORD to its password");
		}
		return this.password;
	}

	/** A file that is a certificate or key file and cannot be read, with the reason in words. */
	private static final class UnreadableFile extends RuntimeException {

		UnreadableFile(String message) {
			super(message);
		}

	}

}
