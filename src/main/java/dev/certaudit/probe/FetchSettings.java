package dev.certaudit.probe;

import java.time.Duration;

/**
 * Time limits for one visit, so a dead or hostile host costs little.
 * @param connectTimeout how long to wait for the TCP connection
 * @param handshakeTimeout how long the STARTTLS dialogue, if any, and the whole TLS handshake may take
 * together, however the peer drips its bytes
 */
public record FetchSettings(Duration connectTimeout, Duration handshakeTimeout) {
}
