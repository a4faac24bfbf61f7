package dev.certaudit.history;

import dev.certaudit.inventory.Target;

/** A target as stored for one run; {@code targetId} is its stable position in the inventories. */
public record AuditTarget(long runId, long targetId, Target target) {
}
