package dev.certaudit.delivery;

import java.nio.file.Path;
import java.util.List;

/**
 * What was delivered: a folder, a zip or a single file, and each file in it with what it holds, in name
 * order.
 */
record Delivery(Path source, List<DeliveredFile> files) {

	Delivery {
		files = List.copyOf(files);
	}

	/** The files that look like certificate or key files and could not be read. */
	List<DeliveredFile> unreadable() {
		return this.files.stream().filter((file) -> file.unreadable() != null).toList();
	}

}
