package dev.certaudit.inventory;

/**
 * How much of a zone file cert-audit reads. A zone is handed over by whoever runs the DNS, and
 * {@code $INCLUDE} and {@code $GENERATE} let a few lines read any file the audit may read, or make
 * billions of records.
 * @param allowInclude read {@code $INCLUDE}d files, those below the zone file's folder only; when off, a
 * zone that includes anything is refused
 * @param maxRecords the most records a zone, with the files it includes and the records {@code $GENERATE}
 * makes, may have
 */
public record ZoneSettings(boolean allowInclude, int maxRecords) {

	public static final int DEFAULT_MAX_RECORDS = 100_000;

	public static final ZoneSettings DEFAULTS = new ZoneSettings(false, DEFAULT_MAX_RECORDS);

}
