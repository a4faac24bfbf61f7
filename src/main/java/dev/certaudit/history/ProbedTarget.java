package dev.certaudit.history;

import dev.certaudit.probe.ProbeResult;

/** A target of a run with what fetching it brought back. */
public record ProbedTarget(long runId, long targetId, String host, ProbeResult probe) {
}
