package dev.certaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The folder of the embedded H2 file database, checked before Spring opens it. H2 tells of a folder it
 * cannot use with stack traces (its trace file's on stderr, or "The database is read only" in the
 * middle of a run), where the operator needs the folder, the user cert-audit runs as and what to do.
 * @param folder absolute
 * @param file the database file H2 keeps in it ({@code cert-audit.mv.db})
 */
record DatabaseFolder(Path folder, Path file) {

	/**
	 * {@code jdbc:h2:file:./data/cert-audit;...} or {@code jdbc:h2:./data/cert-audit}: an H2 database in
	 * a file; not {@code mem:}, {@code tcp:} or another H2 scheme.
	 */
	private static final Pattern H2_FILE = Pattern.compile("(jdbc:h2:(?:file:)?)(?![a-zA-Z]{2,}:)([^;]+)(.*)");

	static Optional<DatabaseFolder> of(String url) {
		return path(url).map((path) -> {
			Path database = path.toAbsolutePath().normalize();
			return new DatabaseFolder(database.getParent(), database.resolveSibling(database.getFileName() + ".mv.db"));
		});
	}

	private static Optional<Path> path(String url) {
		Matcher matcher = (url != null) ? H2_FILE.matcher(url) : null;
		if (matcher == null || !matcher.matches()) {
			return Optional.empty();
		}
		String path = matcher.group(2);
		return Optional.of(path.startsWith("~") ? Path.of(System.getProperty("user.home") + path.substring(1)) : Path.of(path));
	}

	/** An H2 URL whose relative path is read from {@code directory}, when it has one. */
	static Optional<String> anchoredUrl(String url, Path directory) {
		Matcher matcher = H2_FILE.matcher(url);
		if (!matcher.matches() || matcher.group(2).startsWith("~") || Path.of(matcher.group(2)).isAbsolute()) {
			return Optional.empty();
		}
		return Optional.of(matcher.group(1) + directory.resolve(matcher.group(2)).normalize() + matcher.group(3));
	}

	/** @throws CommandFailedException when the user cert-audit runs as cannot create or write the database */
	void check() {
		Path existing = this.folder;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return;
		}
		if (!Files.isDirectory(existing)) {
			throw new CommandFailedException(existing.equals(this.folder)
					? "the database folder " + this.folder + " is a file, not a folder: move it away, or set"
							+ " CERT_AUDIT_DB_URL to a database elsewhere"
					: "cannot create the database folder " + this.folder + ": " + existing + " is a file, not a"
							+ " folder; move it away, or set CERT_AUDIT_DB_URL to a database elsewhere");
		}
		if (!Files.isWritable(existing)) {
			throw new CommandFailedException(existing.equals(this.folder)
					? "user " + user() + " cannot write the database folder " + this.folder + owner(this.folder)
							+ ": run cert-audit as its owner, or give the folder to " + user() + " (chown -R " + user() + " "
							+ this.folder + ")"
					: "user " + user() + " cannot create the database folder " + this.folder + " (it cannot write "
							+ existing + owner(existing) + "): create it for " + user() + " (mkdir -p " + this.folder
							+ " && chown " + user() + " " + this.folder + "), or set CERT_AUDIT_DB_URL");
		}
		if (Files.exists(this.file) && !Files.isWritable(this.file)) {
			throw new CommandFailedException(readOnly());
		}
	}

	/** What to say when the database turns out read only, before or during a run. */
	String readOnly() {
		return "the database " + this.file + " is read only to user " + user() + owner(this.file)
				+ ": run cert-audit as its owner, or give " + user() + " the folder and its files (chown -R " + user()
				+ " " + this.folder + ")";
	}

	private static String user() {
		return System.getProperty("user.name");
	}

	private static String owner(Path path) {
		try {
			return Files.exists(path) ? ", owned by " + Files.getOwner(path).getName() : "";
		}
		catch (IOException | UnsupportedOperationException ex) {
			return "";
		}
	}

}
