package dev.certaudit.analysis;


/** A target of a run with its analysis. */
public record AssessedTarget(long runId, long targetId, Assessment assessment) {
}
