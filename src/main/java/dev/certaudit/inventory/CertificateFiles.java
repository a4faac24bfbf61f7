package dev.certaudit.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The certificate files a {@code --certs} path stands for. */
public final class CertificateFiles {

	/** The endings of PEM, DER and PKCS#12 files as servers, CAs and Windows export them. */
	private static final Set<String> EXTENSIONS = Set.of("pem", "crt", "cer", "der", "p12", "pfx");

	private CertificateFiles() {
	}

	/**
	 * A file as given, whatever its name; a folder's certificate files (not its subfolders'), sorted by
	 * name so that a restarted run finds them in the same order.
	 */
	public static List<Path> in(Path fileOrFolder) throws IOException {
		Path path = fileOrFolder.toAbsolutePath().normalize();
		if (!Files.isDirectory(path)) {
			return List.of(path);
		}
		try (Stream<Path> files = Files.list(path)) {
			return files.filter(Files::isRegularFile).filter(CertificateFiles::isCertificateFile).sorted().toList();
		}
	}

	static boolean isCertificateFile(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

}
