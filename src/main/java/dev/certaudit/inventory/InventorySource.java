package dev.certaudit.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** One inventory file of a run and what kind of list it is; written {@code kind:path} in job parameters. */
public record InventorySource(SourceKind kind, Path path) {

	public static InventorySource parse(String text) {
		int colon = text.indexOf(':');
		return new InventorySource(SourceKind.valueOf(text.substring(0, colon).toUpperCase(Locale.ROOT)),
				Path.of(text.substring(colon + 1)));
	}

	/** A readable file, or for {@link SourceKind#CERT_FILES} also a readable folder. */
	public boolean isReadable() {
		return (Files.isRegularFile(this.path) || (this.kind == SourceKind.CERT_FILES && Files.isDirectory(this.path)))
				&& Files.isReadable(this.path);
	}

	/**
	 * Reads the whole inventory as loadInventory will, so that what no restart gets past (a file that is
	 * not text, a zone that does not parse) stops the audit before a run is created; a malformed line of
	 * a host or domain list is left to the run, which skips it if told to.
	 * @param zone how much of a zone file to read
	 * @throws InventoryException naming the file, and the line where there is one
	 */
	public void check(ZoneSettings zone) {
		try (Stream<SourceKind.Entry> entries = this.kind.entries(this.path, zone)) {
			entries.forEach((entry) -> {
				// reading them is the check
			});
		}
		catch (IOException ex) {
			throw new InventoryFileException(this.path + ": " + ex.getMessage(), ex);
		}
		catch (UncheckedIOException ex) {
			throw new InventoryFileException(this.path + ": " + ex.getCause().getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return this.kind.name().toLowerCase(Locale.ROOT) + ":" + this.path;
	}

}
