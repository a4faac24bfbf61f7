package dev.certaudit.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.certaudit.probe.Pem;

/**
 * The roots a chain must reach: the JDK's own trust store, as Java clients see it, plus optional
 * private CAs: a store (PEM or DER bundle, or a PKCS#12/JKS key store), or PEM text, as a container's
 * environment passes it.
 */
public final class TrustAnchors {

	private final Set<TrustAnchor> anchors;

	private TrustAnchors(Set<TrustAnchor> anchors) {
		this.anchors = Collections.unmodifiableSet(anchors);
	}

	/**
	 * @param extraStore a file of further trusted roots, or null
	 * @param password the key store password when {@code extraStore} is PKCS#12 or JKS, else null
	 * @param extraPem further trusted roots as PEM text, or null or blank for none
	 */
	public static TrustAnchors load(Path extraStore, char[] password, String extraPem) {
		Set<TrustAnchor> anchors = new HashSet<>();
		for (X509Certificate root : jdkRoots()) {
			anchors.add(new TrustAnchor(root, null));
		}
		if (extraStore != null) {
			for (X509Certificate root : readStore(extraStore, password)) {
				anchors.add(new TrustAnchor(root, null));
			}
		}
		if (extraPem != null && !extraPem.isBlank()) {
			for (X509Certificate root : pemRoots(extraPem)) {
				anchors.add(new TrustAnchor(root, null));
			}
		}
		return new TrustAnchors(anchors);
	}

	/**
	 * The roots of {@code cert-audit.trust.extra-pem}: certificates in PEM, with their line breaks, as a
	 * Kubernetes Secret's key or {@code docker run -e CERT_AUDIT_TRUST_EXTRA_PEM="$(cat roots.pem)"} pass
	 * them, where a file would have to be mounted.
	 */
	public static List<X509Certificate> pemRoots(String pem) {
		List<X509Certificate> roots;
		try {
			roots = Pem.chain(pem);
		}
		catch (CertificateException ex) {
			// the message is the whole story: what refuses a setting reads the innermost cause
			throw new IllegalArgumentException("cert-audit.trust.extra-pem is not certificates in PEM (" + ex.getMessage()
					+ "); a file of them goes into cert-audit.trust.extra-store");
		}
		if (roots.isEmpty()) {
			throw new IllegalArgumentException("cert-audit.trust.extra-pem holds no certificates in PEM; a file of them"
					+ " goes into cert-audit.trust.extra-store");
		}
		return roots;
	}

	public static TrustAnchors of(Set<X509Certificate> roots) {
		Set<TrustAnchor> anchors = new HashSet<>();
		roots.forEach((root) -> anchors.add(new TrustAnchor(root, null)));
		return new TrustAnchors(anchors);
	}

	public Set<TrustAnchor> anchors() {
		return this.anchors;
	}

	public boolean isAnchor(X509Certificate certificate) {
		return this.anchors.stream().anyMatch((anchor) -> certificate.equals(anchor.getTrustedCert()));
	}

	public boolean hasAnchorFor(javax.security.auth.x500.X500Principal issuer) {
		return this.anchors.stream().anyMatch((anchor) -> issuer.equals(anchor.getTrustedCert().getSubjectX500Principal()));
	}

	private static X509Certificate[] jdkRoots() {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			for (var manager : factory.getTrustManagers()) {
				if (manager instanceof X509TrustManager x509) {
					return x509.getAcceptedIssuers();
				}
			}
			return new X509Certificate[0];
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read the JDK trust store", ex);
		}
	}

	private static Set<X509Certificate> readStore(Path file, char[] password) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		try (InputStream in = Files.newInputStream(file)) {
			Set<X509Certificate> roots = new HashSet<>();
			if (name.endsWith(".p12") || name.endsWith(".pfx") || name.endsWith(".jks")) {
				KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
				store.load(in, password);
				for (String alias : Collections.list(store.aliases())) {
					if (store.getCertificate(alias) instanceof X509Certificate certificate) {
						roots.add(certificate);
					}
				}
			}
			else {
				CertificateFactory factory = CertificateFactory.getInstance("X.509");
				factory.generateCertificates(in).forEach((c) -> roots.add((X509Certificate) c));
			}
			if (roots.isEmpty()) {
				throw new IllegalArgumentException("Trust store " + file + " holds no certificates");
			}
			return roots;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalArgumentException("Cannot read trust store " + file + ": " + ex.getMessage(), ex);
		}
	}

}
