package dev.certaudit.report;

import dev.certaudit.analysis.Severity;

/** One rule hit as the reports show it. */
public record FindingView(String ruleId, Severity severity, String message, String remediation) {
}
