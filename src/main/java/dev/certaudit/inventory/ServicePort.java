package dev.certaudit.inventory;

/** A service a name is expected to offer: the protocol spoken and the port. */
public record ServicePort(Protocol protocol, int port) {
}
