package dev.certaudit.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a certificate file the way {@link CertificateFetcher} reads an endpoint: PEM (certificates,
 * with or without a private key), DER, or PKCS#12 opened with the configured password. The result is
 * the chain leaf first and whether the file's private key belongs to the leaf; the key itself goes no
 * further than this class. A file that cannot be read is a {@link ProbeOutcome#FILE_UNREADABLE}
 * result, never an exception.
 */
public final class CertificateFileReader {

	/** Far above any certificate bundle; anything larger is not one and is not read into memory. */
	private static final long MAX_BYTES = 1024 * 1024;

	private static final BouncyCastleProvider BC = new BouncyCastleProvider();

	private static final byte[] CHALLENGE = "cert-audit: does this key belong to the certificate?"
		.getBytes(StandardCharsets.US_ASCII);

	private final char[] password;

	/** @param password for PKCS#12 files and encrypted PEM keys, or null when none is configured */
	public CertificateFileReader(String password) {
		this.password = (password != null) ? password.toCharArray() : null;
	}

	public ProbeResult read(Path file) {
		Instant started = Instant.now();
		try {
			Contents contents = parse(file);
			if (contents.certificates().isEmpty()) {
				return ProbeResult.failed(null, ProbeOutcome.FILE_UNREADABLE, "no certificate in the file", started);
			}
			List<X509Certificate> chain = leafFirst(contents.certificates(), contents.privateKey());
			Boolean keyMatches = (contents.privateKey() != null)
					? belongsTo(contents.privateKey(), chain.get(0).getPublicKey()) : null;
			return ProbeResult.file(chain, started, ProbeResult.elapsedSince(started), keyMatches);
		}
		// whatever a damaged file makes the parsers throw, it is a finding about the file, not a failed step
		catch (Exception ex) {
			return ProbeResult.failed(null, ProbeOutcome.FILE_UNREADABLE, reason(ex), started);
		}
	}

	private record Contents(List<X509Certificate> certificates, PrivateKey privateKey) {
	}

	private Contents parse(Path file) throws Exception {
		if (Files.size(file) > MAX_BYTES) {
			throw new CertificateException("larger than 1 MiB, which no certificate file is");
		}
		byte[] bytes = Files.readAllBytes(file);
		try {
			String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
			if (name.endsWith(".p12") || name.endsWith(".pfx")) {
				return pkcs12(bytes);
			}
			if (new String(bytes, StandardCharsets.US_ASCII).contains("-----BEGIN ")) {
				return pem(bytes);
			}
			return new Contents(der(bytes), null);
		}
		finally {
			// the buffer may hold a private key
			Arrays.fill(bytes, (byte) 0);
		}
	}

	private Contents pkcs12(byte[] bytes) throws Exception {
		char[] secret = (this.password != null) ? this.password : new char[0];
		KeyStore store = KeyStore.getInstance("PKCS12");
		try {
			store.load(new ByteArrayInputStream(bytes), secret);
		}
		catch (IOException ex) {
			throw new CertificateException("wrong password or damaged PKCS#12 file ("
					+ ((this.password != null) ? "" : "no password configured; ") + reason(ex) + ")");
		}
		List<X509Certificate> certificates = new ArrayList<>();
		PrivateKey privateKey = null;
		for (String alias : Collections.list(store.aliases())) {
			if (privateKey == null && store.isKeyEntry(alias)) {
				Key key = store.getKey(alias, secret);
				if (key instanceof PrivateKey entryKey) {
					privateKey = entryKey;
					Certificate[] chain = store.getCertificateChain(alias);
					if (chain != null) {
						certificates.addAll(0, x509(Arrays.asList(chain)));
					}
				}
			}
			else if (store.isCertificateEntry(alias)) {
				certificates.addAll(x509(List.of(store.getCertificate(alias))));
			}
		}
		return new Contents(certificates.stream().distinct().toList(), privateKey);
	}

	private Contents pem(byte[] bytes) throws Exception {
		JcaX509CertificateConverter certificates = new JcaX509CertificateConverter();
		JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
		List<X509Certificate> found = new ArrayList<>();
		PrivateKey privateKey = null;
		try (Reader text = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.US_ASCII);
				PEMParser parser = new PEMParser(text)) {
			Object object;
			while ((object = parser.readObject()) != null) {
				PrivateKey key = switch (object) {
					case X509CertificateHolder holder -> {
						found.add(certificates.getCertificate(holder));
						yield null;
					}
					// "RSA PRIVATE KEY", "EC PRIVATE KEY"
					case PEMKeyPair pair -> keys.getPrivateKey(pair.getPrivateKeyInfo());
					// "PRIVATE KEY" (PKCS#8)
					case PrivateKeyInfo info -> keys.getPrivateKey(info);
					case PKCS8EncryptedPrivateKeyInfo encrypted -> keys.getPrivateKey(encrypted.decryptPrivateKeyInfo(
							new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(requirePassword())));
					case PEMEncryptedKeyPair encrypted -> keys.getPrivateKey(encrypted
						.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(requirePassword()))
						.getPrivateKeyInfo());
					// EC parameters, CRLs, requests: not what is audited
					default -> null;
				};
				if (privateKey == null) {
					privateKey = key;
				}
			}
		}
		return new Contents(found, privateKey);
	}

	private static List<X509Certificate> der(byte[] bytes) throws CertificateException {
		return x509(CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)));
	}

	private static List<X509Certificate> x509(Collection<? extends Certificate> certificates) {
		return certificates.stream()
			.filter(X509Certificate.class::isInstance)
			.map(X509Certificate.class::cast)
			.toList();
	}

	private char[] requirePassword() throws CertificateException {
		if (this.password == null) {
			throw new CertificateException("the private key is encrypted and no password is configured");
		}
		return this.password;
	}

	/**
	 * The certificate of the file's private key first, as a server would send it; without a key (or
	 * when no certificate matches it), the first end-entity certificate when a CA certificate comes
	 * first, as in bundles written root first. The rest keep the file's order.
	 */
	private static List<X509Certificate> leafFirst(List<X509Certificate> certificates, PrivateKey privateKey) {
		X509Certificate leaf = null;
		if (privateKey != null) {
			leaf = certificates.stream().filter((c) -> belongsTo(privateKey, c.getPublicKey())).findFirst().orElse(null);
		}
		if (leaf == null && certificates.get(0).getBasicConstraints() >= 0) {
			leaf = certificates.stream().filter((c) -> c.getBasicConstraints() < 0).findFirst().orElse(null);
		}
		if (leaf == null) {
			return certificates;
		}
		List<X509Certificate> ordered = new ArrayList<>(certificates);
		ordered.remove(leaf);
		ordered.add(0, leaf);
		return ordered;
	}

	/**
	 * Whether the private key is the other half of the public key. PKCS#8 and PKCS#12 keys carry no
	 * public part to compare, so an RSA key is compared by its modulus and any other key signs a
	 * challenge that the public key must verify.
	 */
	public static boolean belongsTo(PrivateKey privateKey, PublicKey publicKey) {
		if (privateKey instanceof RSAKey rsa) {
			return publicKey instanceof RSAKey certified && rsa.getModulus().equals(certified.getModulus());
		}
		String algorithm = switch (privateKey.getAlgorithm()) {
			case "EC", "ECDSA" -> "SHA256withECDSA";
			case "DSA" -> "SHA256withDSA";
			case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
			default -> null;
		};
		if (algorithm == null) {
			return false;
		}
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(privateKey);
			signer.update(CHALLENGE);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(publicKey);
			verifier.update(CHALLENGE);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			// a key of another type than the certificate's cannot be its other half
			return false;
		}
	}

	/** Why a certificate or key file could not be read, in words: the first cause that says anything. */
	public static String reason(Exception ex) {
		Throwable cause = ex;
		String message = ex.getMessage();
		while ((message == null || message.isBlank()) && cause.getCause() != null) {
			cause = cause.getCause();
			message = cause.getMessage();
		}
		return (message != null && !message.isBlank()) ? message : ex.getClass().getSimpleName();
	}

}
