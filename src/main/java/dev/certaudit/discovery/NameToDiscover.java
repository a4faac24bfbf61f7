package dev.certaudit.discovery;

/**
 * A distinct name among a run's candidates.
 * @param needsDns some candidate of the name has no address given in the inventory
 */
public record NameToDiscover(long runId, String name, boolean needsDns) {
}
