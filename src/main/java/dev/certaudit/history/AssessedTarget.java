package dev.certaudit.history;

import dev.certaudit.analysis.Assessment;

/** A target of a run with its analysis. */
public record AssessedTarget(long runId, long targetId, Assessment assessment) {
}
