package dev.certaudit.report.ics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import net.fortuna.ical4j.data.FoldingWriter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableAction;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableTransp;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import dev.certaudit.history.ChangeKind;
import dev.certaudit.history.EndpointChange;
import dev.certaudit.report.Installation;
import dev.certaudit.report.PendingFile;
import dev.certaudit.report.ReportDocument;
import dev.certaudit.report.ReportFormatting;
import dev.certaudit.report.ReportRow;
import dev.certaudit.report.ReportSettings;
import dev.certaudit.report.RunSummary;

/**
 * {@code cert-audit-<date>.ics}: an iCalendar file (RFC 5545) with one all-day event per certificate,
 * not per endpoint, on the day its renewal should start ({@code notAfter} minus the lead days), with a
 * reminder that morning and, in its description, every place the certificate is served and their
 * owners: what must be renewed, and where it must then be installed.
 * <p>
 * Each event's UID is the certificate's SHA-256 fingerprint, and its SEQUENCE the run id, so importing
 * the next night's file into the same calendar updates each event rather than adding it again (RFC 5545
 * 3.8.4.7, 3.8.7.4); a certificate replaced since the previous run is sent once more, cancelled
 * (3.8.1.11), so its reminder goes away. A renewal whose day has passed is put on the run's day instead,
 * so that it shows where people look rather than in the past.
 * <p>
 * Events are written as their certificate's rows arrive, through ical4j's folding writer, so the file
 * streams like the other reports however many certificates there are.
 */
public final class RenewalCalendar implements ReportDocument {

	private static final String PRODUCT = "-//cert-audit//TLS certificate renewals//EN";

	private static final String UID_DOMAIN = "@cert-audit";

	/** Places named in an event's description; the workbook's Installed at sheet lists them all. */
	static final int PLACES_LISTED = 25;

	/** The reminder's time on the renewal day, counted from the start of an all-day event: 09:00 local. */
	private static final Duration REMINDER = Duration.ofHours(9);

	private static final String LINE_END = "\r\n";

	private final int leadDays;

	private RunSummary summary;

	private PendingFile pending;

	private Writer out;

	private Certificate current;

	/** Certificates served in the previous run and replaced since, by fingerprint, until seen in this run. */
	private final Map<String, EndpointChange> replaced = new LinkedHashMap<>();

	public RenewalCalendar(ReportSettings settings) {
		this.leadDays = settings.calendarLeadDays();
	}

	@Override
	public void begin(RunSummary summary, Path file) throws IOException {
		this.summary = summary;
		this.pending = PendingFile.beside(file);
		// RFC 5545 3.1: lines are folded at 75 octets and end with CRLF; ical4j escapes each value
		this.out = new FoldingWriter(
				new BufferedWriter(new OutputStreamWriter(this.pending.out(), StandardCharsets.UTF_8)));
		write(Calendar.BEGIN + ":" + Calendar.VCALENDAR + LINE_END);
		write(new ProdId(PRODUCT).toString());
		write(ImmutableVersion.VERSION_2_0.toString());
		write(ImmutableCalScale.GREGORIAN.toString());
		// the calendar's name where a client subscribes to or imports the file (Apple, Google, Outlook)
		write(new XProperty("X-WR-CALNAME", calendarName()).toString());
		for (EndpointChange change : summary.changes().changes()) {
			if ((change.kind() == ChangeKind.RENEWED || change.kind() == ChangeKind.DISAPPEARED)
					&& change.before() != null && change.before().sha256() != null) {
				this.replaced.putIfAbsent(change.before().sha256(), change);
			}
		}
	}

	@Override
	public void addInstallations(List<Installation> installations) throws IOException {
		for (Installation place : installations) {
			if (this.current != null && !this.current.sha256().equals(place.sha256())) {
				writeEvent(this.current);
				this.current = null;
			}
			if (this.current == null) {
				this.current = new Certificate(place);
				this.replaced.remove(place.sha256());
			}
			this.current.add(place);
		}
	}

	/** The calendar is made of where certificates are installed; the endpoint rows add nothing to it. */
	@Override
	public void add(List<ReportRow> rows) {
	}

	@Override
	public void finish() throws IOException {
		try {
			if (this.current != null) {
				writeEvent(this.current);
			}
			for (EndpointChange change : this.replaced.values()) {
				writeCancellation(change);
			}
			write(Calendar.END + ":" + Calendar.VCALENDAR + LINE_END);
			this.out.flush();
			this.pending.publish();
		}
		finally {
			close();
		}
	}

	@Override
	public void close() {
		if (this.pending != null) {
			this.pending.close();
			this.pending = null;
		}
	}

	private void writeEvent(Certificate certificate) throws IOException {
		LocalDate expiry = day(certificate.notAfter());
		String name = certificate.name();
		boolean expired = !certificate.notAfter().isAfter(this.summary.startedAt());
		LocalDate renewal = renewalDay(certificate.notAfter());
		String title = expired ? "Renew expired TLS certificate " + name + " (expired " + expiry + ")"
				: "Renew TLS certificate " + name + " (expires " + expiry + ")";
		VEvent event = event(certificate.sha256(), renewal, title);
		event.add(new Description(description(certificate, renewal)));
		event.add(ImmutableTransp.TRANSPARENT);
		VAlarm reminder = new VAlarm(REMINDER);
		reminder.add(ImmutableAction.DISPLAY);
		reminder.add(new Description(title));
		event.add(reminder);
		write(event);
	}

	/** Withdraws the event of a certificate the previous run saw and this one no longer serves. */
	private void writeCancellation(EndpointChange change) throws IOException {
		Instant notAfter = change.before().notAfter();
		String endpoint = ReportFormatting.hostAndPort(change.host(), change.port(), change.protocol());
		boolean renewed = change.kind() == ChangeKind.RENEWED;
		VEvent event = event(change.before().sha256(),
				(notAfter != null) ? renewalDay(notAfter) : day(this.summary.startedAt()),
				renewed ? "Replaced: the TLS certificate of " + endpoint + " is no longer served"
						: "No longer audited: the TLS certificate of " + endpoint);
		event.add(new Description("The certificate " + change.before().sha256() + " served at " + endpoint
				+ ((notAfter != null) ? " until it expires on " + day(notAfter) : "") + " was "
				+ (renewed ? "replaced by another certificate" : "no longer found")
				+ " in " + runName() + ", so its renewal is no longer due."));
		event.add(ImmutableStatus.VEVENT_CANCELLED);
		event.add(ImmutableTransp.TRANSPARENT);
		write(event);
	}

	private VEvent event(String sha256, LocalDate day, String title) {
		VEvent event = new VEvent(false);
		event.add(new Uid(sha256 + UID_DOMAIN));
		// what the event says was established by this run (RFC 5545 3.8.7.2, an object without METHOD)
		event.add(new DtStamp(this.summary.startedAt()));
		event.add(new DtStart<>(day));
		event.add(new DtEnd<>(day.plusDays(1)));
		event.add(new Sequence((int) Math.min(this.summary.runId(), Integer.MAX_VALUE)));
		event.add(new Summary(title));
		return event;
	}

	/** Lead days before expiry, or the run's day when that has passed. */
	private LocalDate renewalDay(Instant notAfter) {
		LocalDate due = day(notAfter).minusDays(this.leadDays);
		LocalDate runDay = day(this.summary.startedAt());
		return due.isBefore(runDay) ? runDay : due;
	}

	private String description(Certificate certificate, LocalDate renewal) {
		StringBuilder text = new StringBuilder();
		text.append("The TLS certificate ").append(certificate.subject()).append(' ')
			.append(certificate.notAfter().isAfter(this.summary.startedAt()) ? "expires" : "expired").append(" on ")
			.append(ReportFormatting.dateTime(certificate.notAfter())).append(". Renew it from ").append(renewal)
			.append(" and install it, with its full chain, wherever it is served (")
			.append(certificate.places()).append((certificate.places() == 1) ? " place" : " places").append("):\n");
		for (Installation place : certificate.listed()) {
			text.append("- ").append(ReportFormatting.hostAndPort(place.host(), place.port(), place.protocol()))
				.append(" (").append(place.protocol());
			if (place.address() != null && !place.address().isBlank()) {
				text.append(", ").append(place.address());
			}
			text.append(')');
			if (place.owner() != null && !place.owner().isBlank()) {
				text.append(", owner ").append(place.owner());
			}
			text.append('\n');
		}
		if (certificate.places() > certificate.listed().size()) {
			text.append("- and ").append(certificate.places() - certificate.listed().size())
				.append(" more: the workbook's Installed at sheet lists them all\n");
		}
		text.append('\n');
		if (!certificate.owners().isEmpty()) {
			text.append((certificate.owners().size() == 1) ? "Owner: " : "Owners: ")
				.append(String.join(", ", certificate.owners())).append('\n');
		}
		text.append("SHA-256: ").append(certificate.sha256()).append('\n');
		text.append("From ").append(runName()).append('.');
		return text.toString();
	}

	private String calendarName() {
		String organisation = this.summary.organisation();
		return "TLS certificate renewals" + ((organisation == null || organisation.isBlank()) ? "" : " of " + organisation);
	}

	private String runName() {
		String organisation = this.summary.organisation();
		return ((organisation == null || organisation.isBlank()) ? "" : organisation + "'s ") + "cert-audit run "
				+ this.summary.runId() + " of " + ReportFormatting.date(this.summary.startedAt());
	}

	private static LocalDate day(Instant instant) {
		return instant.atZone(ZoneOffset.UTC).toLocalDate();
	}

	private void write(Component component) throws IOException {
		write(component.toString());
	}

	private void write(String contentLines) throws IOException {
		this.out.write(contentLines);
	}

	/**
	 * One certificate and the places it is served, gathered as its rows arrive: only the places its event
	 * names are kept, with every owner.
	 */
	private static final class Certificate {

		private final Installation first;

		private final List<Installation> listed = new ArrayList<>();

		private final TreeSet<String> owners = new TreeSet<>();

		Certificate(Installation first) {
			this.first = first;
		}

		void add(Installation place) {
			if (this.listed.size() < PLACES_LISTED) {
				this.listed.add(place);
			}
			if (place.owner() != null && !place.owner().isBlank()) {
				this.owners.add(place.owner());
			}
		}

		String sha256() {
			return this.first.sha256();
		}

		String subject() {
			return Objects.requireNonNullElse(this.first.subject(), "(no subject)");
		}

		Instant notAfter() {
			return this.first.notAfter();
		}

		long places() {
			return this.first.places();
		}

		List<Installation> listed() {
			return this.listed;
		}

		List<String> owners() {
			return List.copyOf(this.owners);
		}

		/** The name people know the certificate by: its subject's common name, else the first place's host. */
		String name() {
			try {
				List<Rdn> rdns = new LdapName(subject()).getRdns();
				for (int i = rdns.size() - 1; i >= 0; i--) {
					if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
						return String.valueOf(rdns.get(i).getValue());
					}
				}
			}
			catch (InvalidNameException ex) {
				// a subject that is no distinguished name: the host names the certificate as well
			}
			return this.first.host();
		}

	}

}
