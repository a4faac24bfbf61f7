package dev.certaudit.report;

import java.time.LocalDate;

/** How many distinct certificates of the run expire in the week starting on {@code firstDay} (UTC). */
public record ExpiryWeek(LocalDate firstDay, long certificates) {
}
