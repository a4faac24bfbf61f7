package dev.certaudit.job;

import dev.certaudit.history.AssessedTarget;
import dev.certaudit.history.ProbedTarget;

/** One target as fetchAndAnalyse leaves it: what its endpoint presented, and the verdict on it. */
public record AuditedTarget(ProbedTarget probed, AssessedTarget assessed) {
}
