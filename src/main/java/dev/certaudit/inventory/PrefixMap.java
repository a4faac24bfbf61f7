package dev.certaudit.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The service prefixes a domain is expanded with, and the services each usually offers. A line is
 * {@code prefix service[:port] ...}, e.g. {@code mail smtp submission smtps imaps pop3s imap pop3};
 * {@code @} stands for the domain itself. The map is data ({@code jobs/prefixes.txt}), so users add the
 * names their organisation uses.
 */
public final class PrefixMap {

	/** The key of the domain itself. */
	public static final String APEX = "@";

	private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

	private final Map<String, List<ServicePort>> services;

	private PrefixMap(Map<String, List<ServicePort>> services) {
		this.services = services;
	}

	public static PrefixMap read(Path file) {
		List<InventoryText.Line> lines;
		try (Stream<InventoryText.Line> read = InventoryText.lines(file)) {
			lines = read.toList();
		}
		catch (IOException ex) {
			throw new InventoryFileException("Cannot read prefix list " + file + ": " + ex.getMessage(), ex);
		}
		catch (UncheckedIOException ex) {
			throw new InventoryFileException("Cannot read prefix list " + file + ": " + ex.getCause().getMessage(), ex);
		}
		Map<String, List<ServicePort>> services = new LinkedHashMap<>();
		for (InventoryText.Line numbered : lines) {
			String line = numbered.text();
			String origin = file + ":" + numbered.number();
			String content = line.replaceFirst("#.*", "").strip();
			if (content.isEmpty()) {
				continue;
			}
			String[] tokens = content.split("\\s+");
			String prefix = tokens[0].toLowerCase(Locale.ROOT);
			if (!prefix.equals(APEX) && !LABEL.matcher(prefix).matches()) {
				throw new InventoryLineException(origin, line, Echo.quote(tokens[0]) + " is not a DNS label or @");
			}
			if (tokens.length == 1) {
				throw new InventoryLineException(origin, line, "prefix " + Echo.quote(prefix) + " lists no service");
			}
			List<ServicePort> ports = new ArrayList<>();
			for (int t = 1; t < tokens.length; t++) {
				ports.add(servicePort(tokens[t], line, origin));
			}
			if (services.putIfAbsent(prefix, List.copyOf(ports)) != null) {
				throw new InventoryLineException(origin, line, "prefix " + Echo.quote(prefix) + " is listed twice");
			}
		}
		return new PrefixMap(services);
	}

	private static ServicePort servicePort(String token, String line, String origin) {
		int colon = token.indexOf(':');
		String name = (colon < 0) ? token : token.substring(0, colon);
		Protocol.Service service = Protocol.service(name)
			.orElseThrow(() -> new InventoryLineException(origin, line,
					"unknown service " + Echo.quote(name) + " (known: " + Protocol.knownNames() + ")"));
		if (colon < 0) {
			return new ServicePort(service.protocol(), service.defaultPort());
		}
		try {
			int port = Integer.parseInt(token.substring(colon + 1));
			if (port >= 1 && port <= 65535) {
				return new ServicePort(service.protocol(), port);
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the offending text
		}
		throw new InventoryLineException(origin, line,
				"port in " + Echo.quote(token) + " is not a number from 1 to 65535");
	}

	/** Prefixes in file order, the apex included when listed. */
	public List<String> prefixes() {
		return List.copyOf(this.services.keySet());
	}

	/** The services of a prefix, or empty when the prefix is not listed. */
	public List<ServicePort> services(String prefix) {
		return this.services.getOrDefault(prefix.toLowerCase(Locale.ROOT), List.of());
	}

}
