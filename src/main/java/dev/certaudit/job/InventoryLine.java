package dev.certaudit.job;

/**
 * A raw line of an inventory file.
 * @param lineId the line's position among all lines of all inventories of the run, its stable key
 * @param origin {@code file:line}
 */
public record InventoryLine(long lineId, String origin, String text) {
}
