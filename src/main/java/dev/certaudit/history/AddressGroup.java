package dev.certaudit.history;

/**
 * A name, port and protocol whose addresses served more than one certificate in a run.
 * @param certificateVariant which clients' view of the endpoint is compared; null for every client's
 */
public record AddressGroup(long runId, String host, int port, String protocol, String certificateVariant) {
}
