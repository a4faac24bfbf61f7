package dev.certaudit.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.xbill.DNS.Address;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import dev.certaudit.inventory.IpLiterals;

/**
 * The machine's own table of names and addresses (hosts(5)), which its resolver reads before DNS
 * ({@code hosts: files dns} in nsswitch.conf): operators list internal names there, and a name listed
 * takes its addresses from there alone. Read once as the run starts, so one run sees one table.
 * <p>
 * dnsjava's {@code HostsFileParser} gives one address per name and family and matches names with their
 * case, where glibc gives every address listed and ignores case; an audit visits every address of a
 * name, so the file is read here, with dnsjava parsing the addresses and names.
 */
public final class HostsFile {

	private static final HostsFile NONE = new HostsFile(Map.of());

	/** IPv4 before IPv6, as DNS answers are listed; within a family in the file's order. */
	private static final Comparator<InetAddress> FAMILY_ORDER = Comparator
		.comparingInt((InetAddress address) -> address.getAddress().length);

	/** By name; dnsjava's names compare without case, as RFC 4343 has DNS names compare. */
	private final Map<Name, List<String>> addresses;

	private HostsFile(Map<Name, List<String>> addresses) {
		this.addresses = addresses;
	}

	/** No table: every name goes to DNS. */
	public static HostsFile none() {
		return NONE;
	}

	/** Where the system keeps its table: what the platform's resolver and dnsjava read. */
	public static Path systemPath() {
		return System.getProperty("os.name", "").startsWith("Windows")
				? Path.of(System.getenv().getOrDefault("SystemRoot", "C:\\Windows"), "System32", "drivers", "etc",
						"hosts")
				: Path.of("/etc/hosts");
	}

	/** The system's table, or none when the system has no file: a machine may well do without one. */
	public static HostsFile system() {
		return readIfPresent(systemPath());
	}

	static HostsFile readIfPresent(Path file) {
		return Files.exists(file) ? read(file) : none();
	}

	/**
	 * Reads a table that must be there: a file named in the settings that cannot be read would leave
	 * names resolved differently from what the operator asked, so it stops the run before it starts.
	 */
	public static HostsFile read(Path file) {
		List<String> lines;
		try {
			// names in a hosts file are ASCII; an odd byte in a comment must not make the file unreadable
			lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
		}
		catch (NoSuchFileException ex) {
			throw unreadable(file, "no such file");
		}
		catch (AccessDeniedException ex) {
			throw unreadable(file, "permission denied");
		}
		catch (IOException ex) {
			throw unreadable(file, (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName());
		}
		Map<Name, Set<InetAddress>> byName = new HashMap<>();
		for (String line : lines) {
			parse(line, byName);
		}
		Map<Name, List<String>> addresses = new HashMap<>();
		byName.forEach((name, listed) -> addresses.put(name,
				listed.stream().sorted(FAMILY_ORDER).map(IpLiterals::text).toList()));
		return new HostsFile(Map.copyOf(addresses));
	}

	private static IllegalArgumentException unreadable(Path file, String why) {
		return new IllegalArgumentException("cert-audit.dns.hosts-file: cannot read " + file + " (" + why
				+ "); set it empty to resolve names with DNS alone");
	}

	/**
	 * One line of hosts(5): an address, its canonical name and any aliases, blank-separated, {@code #}
	 * starting a comment. A line the system's resolver would not understand either is passed over, as it
	 * passes it over: an address with a zone index ({@code fe80::1%eth0}), a name no DNS name can be.
	 */
	private static void parse(String line, Map<Name, Set<InetAddress>> byName) {
		int comment = line.indexOf('#');
		String[] fields = ((comment >= 0) ? line.substring(0, comment) : line).strip().split("\\s+");
		if (fields.length < 2) {
			return;
		}
		Optional<InetAddress> address = address(fields[0]);
		if (address.isEmpty()) {
			return;
		}
		for (int i = 1; i < fields.length; i++) {
			try {
				byName.computeIfAbsent(Name.fromString(fields[i], Name.root), (name) -> new LinkedHashSet<>())
					.add(address.get());
			}
			catch (TextParseException ex) {
				// not a name anyone could look up
			}
		}
	}

	private static Optional<InetAddress> address(String text) {
		byte[] bytes = Address.toByteArray(text, Address.IPv4);
		if (bytes == null) {
			bytes = Address.toByteArray(text, Address.IPv6);
		}
		if (bytes == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByAddress(bytes));
		}
		catch (UnknownHostException ex) {
			// only for a byte count that is neither IPv4's nor IPv6's, which the parser never returns
			return Optional.empty();
		}
	}

	/**
	 * The addresses the table lists for a fully qualified name, IPv4 first, written as
	 * {@link IpLiterals#text} writes them; empty when the name is not listed.
	 */
	public Optional<List<String>> addresses(Name name) {
		return Optional.ofNullable(this.addresses.get(name));
	}

}
