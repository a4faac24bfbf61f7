package dev.certaudit.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.certaudit.inventory.ZoneFile.ZoneName;

/**
 * What an inventory file lists, which decides how it is read into entries and how an entry becomes
 * targets: adding a kind of inventory is adding a constant here and the parser it calls.
 */
public enum SourceKind {

	/** {@code host[:port] [service] [key=value ...]}: audited as written. */
	HOSTS(true, false) {
		@Override
		List<Target> targets(InventoryLine line, Supplier<PrefixExpansion> expansion) {
			return HostListParser.parse(line.text(), line.origin()).map(List::of).orElse(List.of());
		}
	},
	/** {@code domain [key=value ...]}: each domain expanded with the service prefixes. */
	DOMAINS(false, true) {
		@Override
		List<Target> targets(InventoryLine line, Supplier<PrefixExpansion> expansion) {
			return DomainListParser.parse(line.text(), line.origin())
				.map((entry) -> expansion.get().expand(entry))
				.orElse(List.of());
		}
	},
	/** A BIND-format zone file: every A, AAAA and CNAME owner name, expanded like a prefix. */
	ZONE(false, true) {
		@Override
		Stream<Entry> entries(Path path, ZoneSettings zone) {
			return ZoneFile.names(path, zone)
				.stream()
				.map((name) -> new Entry(path + ": " + name.name(), name.name(), name));
		}

		@Override
		List<Target> targets(InventoryLine line, Supplier<PrefixExpansion> expansion) {
			return expansion.get().expand(line.zoneName(), line.origin());
		}
	},
	/**
	 * A certificate file, or a folder whose certificate files are all taken: each file is one target of
	 * protocol {@link Protocol#FILE}, judged by the same rules as a host's chain.
	 */
	CERT_FILES(true, false) {
		@Override
		Stream<Entry> entries(Path path, ZoneSettings zone) throws IOException {
			return CertificateFiles.in(path).stream().map(Path::toString).map((file) -> new Entry(file, file, null));
		}

		@Override
		List<Target> targets(InventoryLine line, Supplier<PrefixExpansion> expansion) {
			int bytes = line.text().getBytes(StandardCharsets.UTF_8).length;
			if (bytes > MAX_PATH_BYTES) {
				throw new InventoryLineException(line.origin(), line.text(), "a path of " + bytes
						+ " bytes; cert-audit keeps a certificate file by its path, of at most " + MAX_PATH_BYTES);
			}
			return List.of(new Target(line.text(), 0, Protocol.FILE, null, Map.of(), line.origin()));
		}
	};

	/**
	 * The longest certificate file path, in UTF-8 bytes: a run's candidates are indexed by name or path,
	 * and PostgreSQL's index entries hold at most about 2,700 bytes.
	 */
	static final int MAX_PATH_BYTES = 2000;

	/**
	 * One entry of a file of this kind, before it is numbered among the run's entries.
	 * @param origin {@code file:line}, or {@code file: name} for a zone
	 * @param zoneName the zone name for {@link #ZONE} entries, else null
	 */
	record Entry(String origin, String text, ZoneName zoneName) {
	}

	private final boolean explicit;

	private final boolean expanded;

	SourceKind(boolean explicit, boolean expanded) {
		this.explicit = explicit;
		this.expanded = expanded;
	}

	/** Whether its targets were named by hand, so reported even when their name does not resolve. */
	boolean explicit() {
		return this.explicit;
	}

	/** Whether its entries are expanded with the service prefixes, so that it needs the prefix list. */
	public boolean expanded() {
		return this.expanded;
	}

	/**
	 * The file's entries in file order, read as the stream is consumed; the caller closes it. By default
	 * the file's lines ({@link InventoryText}), each known by its {@code file:line}.
	 * @param zone how much of a zone file to read
	 */
	Stream<Entry> entries(Path path, ZoneSettings zone) throws IOException {
		return InventoryText.lines(path).map((line) -> new Entry(path + ":" + line.number(), line.text(), null));
	}

	/**
	 * @param expansion the service prefixes, read on first use, so that host-only runs need no prefix list
	 * @throws InventoryLineException when the entry is malformed
	 */
	abstract List<Target> targets(InventoryLine line, Supplier<PrefixExpansion> expansion);

}
