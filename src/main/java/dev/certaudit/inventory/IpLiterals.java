package dev.certaudit.inventory;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Recognises IP address literals without ever asking DNS, and writes addresses as people write them. */
public final class IpLiterals {

	private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

	private IpLiterals() {
	}

	public static boolean isIpLiteral(String text) {
		if (IPV4.matcher(text).matches()) {
			return true;
		}
		if (!text.contains(":") || !IPV6_CHARACTERS.matcher(text).matches()) {
			return false;
		}
		try {
			// a string with ':' is parsed as an IPv6 literal and never looked up
			InetAddress.getByName(text);
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * The address as text, an IPv6 address in RFC 5952's form (section 4: lower case, no leading zeros,
	 * the longest run of two or more zero groups, the first of equal runs, as "::"): {@code ::1}, where
	 * {@link InetAddress#getHostAddress()} writes every group ({@code 0:0:0:0:0:0:0:1}). Every address
	 * cert-audit writes, in the database, the reports and its messages, is written by this.
	 */
	public static String text(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address.getHostAddress();
		}
		byte[] bytes = address.getAddress();
		int[] groups = new int[8];
		for (int i = 0; i < groups.length; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		int zerosFrom = -1;
		int zeros = 1;
		for (int i = 0; i < groups.length; i++) {
			int run = 0;
			while (i + run < groups.length && groups[i + run] == 0) {
				run++;
			}
			if (run > zeros) {
				zerosFrom = i;
				zeros = run;
			}
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < groups.length; i++) {
			if (i == zerosFrom) {
				text.append("::");
				i += zeros - 1;
				continue;
			}
			if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		// a link-local address keeps the zone the JDK names it with (RFC 4007 section 11)
		String jdk = address.getHostAddress();
		return (jdk.indexOf('%') >= 0) ? text + jdk.substring(jdk.indexOf('%')) : text.toString();
	}

	/** {@code 192.0.2.1:53}, {@code [2001:db8::1]:53}: an IPv6 address in brackets, as RFC 5952 section 6 writes it. */
	public static String withPort(InetAddress address, int port) {
		String text = text(address);
		return ((address instanceof Inet6Address) ? "[" + text + "]" : text) + ":" + port;
	}

	/** An IP literal as {@link #text(InetAddress)} writes it; anything else (a name) as it is. */
	public static String normalised(String literal) {
		if (literal == null || !isIpLiteral(literal)) {
			return literal;
		}
		try {
			return text(InetAddress.getByName(literal));
		}
		catch (UnknownHostException ex) {
			// isIpLiteral parsed it already
			return literal;
		}
	}

}
