package dev.certaudit.history;

import dev.certaudit.discovery.NameResolution;

/** What DNS answered for one name of a run. */
public record DiscoveredName(long runId, NameResolution resolution) {
}
