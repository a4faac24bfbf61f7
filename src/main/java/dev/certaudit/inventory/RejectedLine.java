package dev.certaudit.inventory;

/** An inventory line that was skipped because it could not be parsed, shown so nothing is lost silently. */
public record RejectedLine(String origin, String line, String reason) {
}
