package dev.certaudit.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Writes certificate files the way servers, CAs and Windows exports hold them, for the file tests. */
public final class CertificateFileWriter {

	private static final BouncyCastleProvider BC = new BouncyCastleProvider();

	private static final Base64.Encoder ENCODER = Base64.getMimeEncoder(64, new byte[] { '\n' });

	private CertificateFileWriter() {
	}

	/** Certificates in the given order. */
	public static String pem(X509Certificate... certificates) {
		StringBuilder text = new StringBuilder();
		for (X509Certificate certificate : certificates) {
			text.append(Pem.encode(certificate));
		}
		return text.toString();
	}

	/** {@code -----BEGIN PRIVATE KEY-----}: PKCS#8, as OpenSSL 1.1 and later write keys. */
	public static String pkcs8(PrivateKey key) {
		return "-----BEGIN PRIVATE KEY-----\n" + ENCODER.encodeToString(key.getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
	}

	/**
	 * {@code -----BEGIN RSA PRIVATE KEY-----} or {@code EC PRIVATE KEY}: the traditional OpenSSL forms.
	 * The key goes through Bouncy Castle's own key class first, because the JDK's EC key keeps its curve
	 * outside the inner structure that the traditional form holds, and OpenSSL writes it inside.
	 */
	public static String traditional(PrivateKey key) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(KeyFactory.getInstance(key.getAlgorithm(), BC)
				.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded())));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		return text.toString();
	}

	public static Path write(Path file, String text) {
		try {
			return Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A PKCS#12 file with one key entry holding the key and its chain, leaf first. */
	public static Path pkcs12(Path file, String password, PrivateKey key, X509Certificate... chain) {
		try (OutputStream out = Files.newOutputStream(file)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry("server", key, password.toCharArray(), chain);
			store.store(out, password.toCharArray());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
