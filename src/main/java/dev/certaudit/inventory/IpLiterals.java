package dev.certaudit.inventory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Recognises IP address literals without ever asking DNS. */
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

}
