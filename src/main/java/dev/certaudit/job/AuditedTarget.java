package dev.certaudit.job;

import java.util.List;

import dev.certaudit.analysis.AssessedTarget;
import dev.certaudit.probe.ProbedTarget;

/**
 * One target as fetchAndAnalyse leaves it: what its endpoint presented and the verdict on it, once, or
 * twice for a server that gives RSA-only clients a certificate of their own.
 */
public record AuditedTarget(List<ProbedTarget> probed, List<AssessedTarget> assessed) {

	public AuditedTarget {
		probed = List.copyOf(probed);
		assessed = List.copyOf(assessed);
	}

}
