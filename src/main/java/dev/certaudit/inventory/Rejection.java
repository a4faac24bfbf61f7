package dev.certaudit.inventory;


/** An inventory line skipped in a run, at its position among all inventory lines. */
public record Rejection(long runId, long lineId, RejectedLine line) {
}
