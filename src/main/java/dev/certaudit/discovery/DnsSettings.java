package dev.certaudit.discovery;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where names are looked up: the hosts file first, then which DNS servers, and how patiently.
 * @param servers the servers to ask, in order of preference; empty to ask the system's own resolvers
 * @param timeout how long to wait for one answer from one server
 * @param retries how many times to ask each server again after it stays silent
 * @param hostsFile the names whose addresses are taken from the hosts file rather than DNS
 */
public record DnsSettings(List<InetSocketAddress> servers, Duration timeout, int retries, HostsFile hostsFile) {

	public DnsSettings {
		servers = List.copyOf(servers);
		Objects.requireNonNull(hostsFile, "hostsFile: HostsFile.none() for none");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("DNS timeout must be positive, not " + timeout);
		}
		if (retries < 0) {
			throw new IllegalArgumentException("DNS retries must not be negative, not " + retries);
		}
	}

}
