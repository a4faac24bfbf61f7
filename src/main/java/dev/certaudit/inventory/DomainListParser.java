package dev.certaudit.inventory;

import java.net.IDN;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses one line of a domain list: {@code domain [key=value ...]}, with {@code #} comments. */
public final class DomainListParser {

	private static final Pattern DOMAIN = Pattern.compile(
			"(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)+");

	private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]*");

	/** A domain to expand with the service prefixes, with the labels its targets inherit. */
	public record DomainEntry(String domain, Map<String, String> labels, String origin) {

		public DomainEntry {
			labels = Map.copyOf(labels);
		}

	}

	private DomainListParser() {
	}

	/**
	 * @return the domain on this line, or empty for a blank or comment line
	 * @throws InventoryLineException naming {@code origin} when the line is malformed
	 */
	public static Optional<DomainEntry> parse(String line, String origin) {
		String content = line.replaceFirst("#.*", "").strip();
		if (content.isEmpty()) {
			return Optional.empty();
		}
		String[] tokens = content.split("\\s+");
		String domain = toAscii(tokens[0], line, origin);
		if (domain.endsWith(".")) {
			domain = domain.substring(0, domain.length() - 1);
		}
		if (IpLiterals.isIpLiteral(domain) || !DOMAIN.matcher(domain).matches()) {
			throw new InventoryLineException(origin, line,
					Echo.quote(tokens[0]) + " is not a domain name (expected e.g. example.com)");
		}
		Map<String, String> labels = new LinkedHashMap<>();
		for (int i = 1; i < tokens.length; i++) {
			String token = tokens[i];
			int equals = token.indexOf('=');
			String key = (equals > 0) ? token.substring(0, equals).toLowerCase(Locale.ROOT) : "";
			if (!KEY.matcher(key).matches() || equals == token.length() - 1) {
				throw new InventoryLineException(origin, line, "expected key=value, got " + Echo.quote(token));
			}
			if (key.equals("address")) {
				throw new InventoryLineException(origin, line,
						"address= pins one host; a domain expands to many names, list them in a host list instead");
			}
			if (labels.putIfAbsent(key, token.substring(equals + 1)) != null) {
				throw new InventoryLineException(origin, line, "duplicate key " + Echo.quote(key));
			}
		}
		return Optional.of(new DomainEntry(domain, labels, origin));
	}

	private static String toAscii(String name, String line, String origin) {
		try {
			return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			throw new InventoryLineException(origin, line, Echo.quote(name) + " is not a domain name");
		}
	}

}
