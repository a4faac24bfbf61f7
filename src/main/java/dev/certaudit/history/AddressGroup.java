package dev.certaudit.history;

/** A name, port and protocol whose addresses served more than one certificate in a run. */
public record AddressGroup(long runId, String host, int port, String protocol) {
}
