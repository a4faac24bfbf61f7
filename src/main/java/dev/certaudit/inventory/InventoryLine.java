package dev.certaudit.inventory;

import dev.certaudit.inventory.ZoneFile.ZoneName;

/**
 * One entry of an inventory: a line of a host or domain list, or a name of a zone file.
 * @param lineId the entry's position among all entries of the run's inventories, its stable key
 * @param origin {@code file:line}, or {@code file: name} for a zone
 * @param zoneName the zone name for {@link SourceKind#ZONE} entries, else null
 */
public record InventoryLine(long lineId, SourceKind kind, String origin, String text, ZoneName zoneName) {
}
