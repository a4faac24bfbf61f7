package dev.certaudit.inventory;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One endpoint to audit, as the inventory names it.
 * @param host the name clients use; sent as SNI and checked against the certificate
 * @param address an address to connect to instead of resolving {@code host} ({@code address=} in the
 * inventory, like {@code curl --resolve}), or null
 * @param labels free {@code key=value} pairs such as {@code owner=}, {@code env=}, {@code tags=}
 * @param origin {@code file:line} the target came from
 */
public record Target(String host, int port, Protocol protocol, String address, Map<String, String> labels,
		String origin) {

	public Target {
		labels = Map.copyOf(labels);
	}

	public String owner() {
		return this.labels.get("owner");
	}

	/** Labels as {@code key=value} pairs in key order, the form the inventory and the database use. */
	public String labelText() {
		return new TreeMap<>(this.labels).entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining(" "));
	}

	/** The labels of {@link #labelText}. */
	public static Map<String, String> labels(String text) {
		Map<String, String> labels = new HashMap<>();
		if (text != null && !text.isBlank()) {
			for (String pair : text.split(" ")) {
				int equals = pair.indexOf('=');
				// a label cut short where the database truncated an overlong text keeps what it has
				if (equals > 0) {
					labels.put(pair.substring(0, equals), pair.substring(equals + 1));
				}
			}
		}
		return labels;
	}

}
