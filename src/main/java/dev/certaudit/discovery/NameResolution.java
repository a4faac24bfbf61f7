package dev.certaudit.discovery;

import java.util.List;

import dev.certaudit.inventory.IpLiterals;

/**
 * What the hosts file or DNS said about one host name.
 * @param name the name as asked for
 * @param source where the answer came from
 * @param cnameChain every name the lookup passed through, from {@code name} to the canonical name that
 * holds (or should hold) the addresses, e.g. {@code [shop.example.test, shops.saas.test]}; empty when
 * {@code name} has no CNAME
 * @param addresses the IPv4 addresses and then the IPv6 addresses, each in the order the server gave them,
 * written as {@link dev.certaudit.inventory.IpLiterals#text} writes them (RFC 5952), as the probe stage does
 * @param detail why nothing was found ({@code NXDOMAIN}, {@code no A or AAAA records}) or what went wrong;
 * when found, what DNS left unanswered about the name ({@code AAAA lookup failed: REFUSED}), else null
 */
public record NameResolution(String name, Outcome outcome, Source source, List<String> cnameChain,
		List<String> addresses, String detail) {

	public enum Outcome {

		FOUND,

		/** DNS answered, and the answer is that the name has no address: a fact about the estate. */
		NOT_FOUND,

		/** DNS gave no usable answer, so nothing is known about the name: a fact about the run. */
		FAILED

	}

	public enum Source {

		/** Listed in the hosts file, which the machine's resolver reads first: DNS was not asked. */
		HOSTS_FILE,

		DNS,

		/** The name is an IP address: nothing was looked up. */
		LITERAL

	}

	public NameResolution {
		cnameChain = List.copyOf(cnameChain);
		addresses = List.copyOf(addresses);
	}

	static NameResolution literal(String address) {
		return new NameResolution(address, Outcome.FOUND, Source.LITERAL, List.of(),
				List.of(IpLiterals.normalised(address)), null);
	}

	static NameResolution inHostsFile(String name, List<String> addresses) {
		return new NameResolution(name, Outcome.FOUND, Source.HOSTS_FILE, List.of(), addresses, null);
	}

	/** @param unanswered the family DNS failed to answer for, with why; null when both answered */
	static NameResolution found(String name, List<String> cnameChain, List<String> addresses, String unanswered) {
		return new NameResolution(name, Outcome.FOUND, Source.DNS, cnameChain, addresses, unanswered);
	}

	static NameResolution notFound(String name, List<String> cnameChain, String detail) {
		return new NameResolution(name, Outcome.NOT_FOUND, Source.DNS, cnameChain, List.of(), detail);
	}

	static NameResolution failed(String name, List<String> cnameChain, String detail) {
		return new NameResolution(name, Outcome.FAILED, Source.DNS, cnameChain, List.of(), detail);
	}

}
