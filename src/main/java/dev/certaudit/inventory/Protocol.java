package dev.certaudit.inventory;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a client reaches TLS on an endpoint. */
public enum Protocol {

	/** TLS from the first byte (HTTPS, SMTPS, IMAPS, LDAPS ...). */
	TLS("tls", "https");

	private final String[] names;

	Protocol(String... names) {
		this.names = names;
	}

	public static Optional<Protocol> fromName(String name) {
		String wanted = name.toLowerCase(Locale.ROOT);
		return Arrays.stream(values()).filter((p) -> Arrays.asList(p.names).contains(wanted)).findFirst();
	}

	public static String knownNames() {
		return Arrays.stream(values()).flatMap((p) -> Arrays.stream(p.names)).collect(Collectors.joining(", "));
	}

}
