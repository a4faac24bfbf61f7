package dev.certaudit.job;

import dev.certaudit.analysis.AssessedTarget;
import dev.certaudit.probe.ProbedTarget;

/** One target as fetchAndAnalyse leaves it: what its endpoint presented, and the verdict on it. */
public record AuditedTarget(ProbedTarget probed, AssessedTarget assessed) {
}
