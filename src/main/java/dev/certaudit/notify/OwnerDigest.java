package dev.certaudit.notify;

import jakarta.mail.internet.InternetAddress;

import dev.certaudit.report.RunSummary;

/**
 * What the mail to one {@code contact=} address says: only the endpoints it is the contact for that
 * need action, newly failing first, with their dates and what to do. It attaches no report, since a
 * contact may be a customer or vendor who must not see the rest of the estate.
 */
public record OwnerDigest(RunSummary summary, InternetAddress contact, ActionList actions) {
}
