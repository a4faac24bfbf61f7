package dev.certaudit.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.probe.Pem;
import dev.certaudit.report.PendingFile;
import dev.certaudit.report.ReportFiles;

/**
 * The files to install: the chain as servers send it, and the key with that chain as a PKCS#12 for
 * Windows (IIS, Exchange), which imports certificate and key as one file.
 */
final class InstallationFiles {

	static final String CHAIN = "chain.pem";

	static final String PKCS12 = "certificate.p12";

	private InstallationFiles() {
	}

	/** The leaf, then each intermediate towards the root, no root: the order RFC 8446 4.4.2 asks servers for. */
	static Path writeChain(Path directory, DeliveredChain chain) throws IOException {
		Path file = directory.resolve(CHAIN);
		try (PendingFile pending = PendingFile.beside(file)) {
			pending.out().write(String.join("", chain.installed().stream().map(Pem::encode).toList())
				.getBytes(StandardCharsets.US_ASCII));
			pending.publish();
		}
		return file;
	}

	/**
	 * The key and the chain in one PKCS#12 key entry, protected with {@code password}, readable by its
	 * owner only: the only place the private key is ever written. Java's PKCS#12 protects it with
	 * PBES2/AES-256 and a SHA-256 MAC, which Windows Server 2019 and later, and OpenSSL 1.1.1 and later,
	 * import.
	 */
	static Path writePkcs12(Path directory, DeliveredChain chain, char[] password) throws IOException {
		Path file = directory.resolve(PKCS12);
		Path temporary = ReportFiles.temporaryBeside(file);
		try {
			// created empty for the reports' group to read; the key is for its owner alone, before it is written
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
			}
			try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setKeyEntry(alias(chain.leaf()), chain.leafKey(), password,
						chain.installed().toArray(X509Certificate[]::new));
				store.store(out, password);
			}
			ReportFiles.publish(temporary, file);
			return file;
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("cannot write " + file + ": " + ex.getMessage(), ex);
		}
		finally {
			ReportFiles.discard(temporary);
		}
	}

	/** The friendly name Windows shows in its certificate store: the certificate's first name and expiry. */
	private static String alias(X509Certificate leaf) {
		String name = CertificateComparison.names(leaf).stream().findFirst().orElse(Certificates.subject(leaf));
		return name + " " + leaf.getNotAfter().toInstant().toString().substring(0, 10);
	}

}
