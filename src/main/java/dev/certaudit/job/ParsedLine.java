package dev.certaudit.job;

import dev.certaudit.history.AuditTarget;
import dev.certaudit.history.Rejection;

/** An inventory line after parsing: a target, or a rejection kept for the report. */
public record ParsedLine(AuditTarget target, Rejection rejection) {
}
