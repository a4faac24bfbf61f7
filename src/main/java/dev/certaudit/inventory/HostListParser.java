package dev.certaudit.inventory;

import java.net.IDN;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses one line of a host list: {@code host[:port] [protocol] [key=value ...]}, with {@code #}
 * comments and blank lines. IPv6 literals are written in brackets, {@code [2001:db8::1]:443}. Without a
 * port, the service's usual one applies (443 for tls, 25 for smtp, 993 for imaps ...).
 */
public final class HostListParser {

	private static final Pattern LABEL = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");

	// RFC 1123 host names; underscores are tolerated because internal DNS often has them
	private static final Pattern HOST_NAME = Pattern
		.compile("(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

	private HostListParser() {
	}

	/**
	 * @return the target on this line, or empty for a blank or comment line
	 * @throws InventoryLineException naming {@code origin} when the line is malformed
	 */
	public static Optional<Target> parse(String line, String origin) {
		String content = stripComment(line).strip();
		if (content.isEmpty()) {
			return Optional.empty();
		}
		String[] tokens = content.split("\\s+");
		HostPort hostPort = parseHostPort(tokens[0], line, origin);
		Protocol.Service service = Protocol.service("tls").orElseThrow();
		Map<String, String> labels = new LinkedHashMap<>();
		for (int i = 1; i < tokens.length; i++) {
			String token = tokens[i];
			int equals = token.indexOf('=');
			if (equals < 0) {
				if (i != 1) {
					throw new InventoryLineException(origin, line,
							"unexpected " + Echo.quote(token) + ": the protocol comes right after host[:port]");
				}
				service = Protocol.service(token)
					.orElseThrow(() -> new InventoryLineException(origin, line,
							"unknown protocol " + Echo.quote(token) + " (known: " + Protocol.knownNames() + ")"));
				continue;
			}
			String key = token.substring(0, equals).toLowerCase(Locale.ROOT);
			String value = token.substring(equals + 1);
			if (!LABEL.matcher(key).matches() || value.isEmpty()) {
				throw new InventoryLineException(origin, line, "malformed key=value " + Echo.quote(token));
			}
			if (labels.putIfAbsent(key, value) != null) {
				throw new InventoryLineException(origin, line, "duplicate key " + Echo.quote(key));
			}
		}
		String address = labels.remove("address");
		if (address != null && !IpLiterals.isIpLiteral(address)) {
			throw new InventoryLineException(origin, line, "address= must be an IP address, got " + Echo.quote(address));
		}
		int port = (hostPort.port() != null) ? hostPort.port() : service.defaultPort();
		return Optional.of(
				new Target(hostPort.host(), port, service.protocol(), IpLiterals.normalised(address), labels, origin));
	}

	private static String stripComment(String line) {
		int hash = line.indexOf('#');
		return (hash >= 0) ? line.substring(0, hash) : line;
	}

	private static HostPort parseHostPort(String token, String line, String origin) {
		String host;
		String port = null;
		if (token.startsWith("[")) {
			int close = token.indexOf(']');
			if (close < 0) {
				throw new InventoryLineException(origin, line, "unclosed '[' in IPv6 address " + Echo.quote(token));
			}
			host = token.substring(1, close);
			String rest = token.substring(close + 1);
			if (!rest.isEmpty()) {
				if (!rest.startsWith(":")) {
					throw new InventoryLineException(origin, line, "expected ':port' after ']' in " + Echo.quote(token));
				}
				port = rest.substring(1);
			}
			if (!IpLiterals.isIpLiteral(host)) {
				throw new InventoryLineException(origin, line, Echo.quote(host) + " is not an IPv6 address");
			}
		}
		else {
			int colon = token.indexOf(':');
			if (colon >= 0 && token.indexOf(':', colon + 1) >= 0) {
				throw new InventoryLineException(origin, line,
						"IPv6 addresses must be in brackets, e.g. [" + Echo.bounded(token) + "]:443");
			}
			host = (colon >= 0) ? token.substring(0, colon) : token;
			port = (colon >= 0) ? token.substring(colon + 1) : null;
			host = toAscii(host, line, origin);
			if (!HOST_NAME.matcher(host).matches()) {
				throw new InventoryLineException(origin, line, Echo.quote(host) + " is not a valid host name");
			}
		}
		return new HostPort(host.toLowerCase(Locale.ROOT), parsePort(port, line, origin));
	}

	private static String toAscii(String host, String line, String origin) {
		try {
			return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
		}
		catch (IllegalArgumentException ex) {
			throw new InventoryLineException(origin, line, Echo.quote(host) + " is not a valid host name");
		}
	}

	/** @return the port, or null when the line names none and the protocol's default applies */
	private static Integer parsePort(String port, String line, String origin) {
		if (port == null) {
			return null;
		}
		try {
			int value = Integer.parseInt(port);
			if (value >= 1 && value <= 65535) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the offending text
		}
		throw new InventoryLineException(origin, line, "port " + Echo.quote(port) + " is not a number from 1 to 65535");
	}

	private record HostPort(String host, Integer port) {
	}

}
