package dev.certaudit.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

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

	@Override
	public String toString() {
		return this.kind.name().toLowerCase(Locale.ROOT) + ":" + this.path;
	}

}
