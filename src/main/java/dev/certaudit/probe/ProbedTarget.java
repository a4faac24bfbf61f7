package dev.certaudit.probe;

import dev.certaudit.inventory.Protocol;

/**
 * A target of a run with what fetching it brought back.
 * @param host the name clients use, or the path of a certificate file ({@link Protocol#FILE})
 */
public record ProbedTarget(long runId, long targetId, String host, Protocol protocol, ProbeResult probe) {
}
