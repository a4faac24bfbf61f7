package dev.certaudit.analysis.intermediates;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.security.auth.x500.X500Principal;

/**
 * Intermediate certificates the operator keeps at hand ({@code cert-audit.trust.intermediates}): a
 * file, or a folder whose {@code *.pem}, {@code *.crt}, {@code *.cer}, {@code *.der}, {@code *.p7b} and
 * {@code *.p7c} files are all read. Only used to tell which certificate a server failed to send; it is
 * never trusted as an anchor.
 */
public final class IntermediateBundle {

	private static final List<String> EXTENSIONS = List.of(".pem", ".crt", ".cer", ".der", ".p7b", ".p7c");

	private static final IntermediateBundle EMPTY = new IntermediateBundle(List.of());

	private final Map<X500Principal, List<X509Certificate>> bySubject;

	private IntermediateBundle(Collection<X509Certificate> certificates) {
		this.bySubject = certificates.stream()
			.collect(Collectors.groupingBy(X509Certificate::getSubjectX500Principal, Collectors.toList()));
	}

	public static IntermediateBundle empty() {
		return EMPTY;
	}

	public static IntermediateBundle of(Collection<X509Certificate> certificates) {
		return new IntermediateBundle(certificates);
	}

	/** Reads a file or a folder (not its subfolders); a bundle that holds nothing is a mistake worth stopping for. */
	public static IntermediateBundle read(Path path) {
		List<Path> files;
		if (Files.isDirectory(path)) {
			try (Stream<Path> listing = Files.list(path)) {
				files = listing.filter(Files::isRegularFile).filter(IntermediateBundle::hasCertificateExtension).sorted().toList();
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("Cannot read intermediates folder " + path + ": " + ex.getMessage(), ex);
			}
		}
		else if (Files.isRegularFile(path)) {
			files = List.of(path);
		}
		else {
			throw new IllegalArgumentException("cert-audit.trust.intermediates: " + path + " is neither a file nor a folder");
		}
		List<X509Certificate> certificates = new ArrayList<>();
		for (Path file : files) {
			certificates.addAll(readFile(file));
		}
		if (certificates.isEmpty()) {
			throw new IllegalArgumentException("cert-audit.trust.intermediates: " + path + " holds no certificates");
		}
		return new IntermediateBundle(certificates);
	}

	/** Every certificate of the bundle. */
	public List<X509Certificate> certificates() {
		return this.bySubject.values().stream().flatMap(List::stream).toList();
	}

	/** Certificates whose subject is the given issuer name; the caller checks the signature. */
	public List<X509Certificate> withSubject(X500Principal subject) {
		return this.bySubject.getOrDefault(subject, List.of());
	}

	private static boolean hasCertificateExtension(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return EXTENSIONS.stream().anyMatch(name::endsWith);
	}

	/** The JDK's factory reads PEM (several blocks), DER and PKCS#7 "certs-only" alike. */
	private static List<X509Certificate> readFile(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return CertificateFactory.getInstance("X.509")
				.generateCertificates(in)
				.stream()
				.map(X509Certificate.class::cast)
				.toList();
		}
		catch (IOException | CertificateException ex) {
			throw new IllegalArgumentException("Cannot read intermediates file " + file + ": " + ex.getMessage(), ex);
		}
	}

}
