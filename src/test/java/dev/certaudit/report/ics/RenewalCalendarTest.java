package dev.certaudit.report.ics;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VAlarm;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.analysis.Thresholds;
import dev.certaudit.history.RunChanges;
import dev.certaudit.report.Installation;
import dev.certaudit.report.ReportFixtures;
import dev.certaudit.report.ReportSettings;
import dev.certaudit.report.RunSummary;

import static org.assertj.core.api.Assertions.assertThat;

/** The renewal calendar read back with ical4j, as a calendar client imports it. */
class RenewalCalendarTest {

	private static final String SHARED = "5a".repeat(32);

	private static final String SINGLE = "6b".repeat(32);

	@TempDir
	Path directory;

	@Test
	void oneAllDayEventPerCertificateOnItsRenewalDayWithAMorningReminder() throws Exception {
		Calendar calendar = write(ReportFixtures.summary(), ReportFixtures.installations(), 30);

		assertThat(calendar.validate().hasErrors()).isFalse();
		List<VEvent> events = events(calendar);
		// four places serve the shop's certificate: one event for it, one for the intranet's, then the
		// cancellations of the two the previous run saw and this one does not
		assertThat(events).extracting(RenewalCalendarTest::uid)
			.containsExactly(SHARED + "@cert-audit", SINGLE + "@cert-audit", "dd".repeat(32) + "@cert-audit",
					"99".repeat(32) + "@cert-audit");
		VEvent intranet = events.get(1);
		// expires 2026-09-01: the renewal starts 30 days earlier
		assertThat(start(intranet)).isEqualTo(LocalDate.of(2026, 8, 2));
		assertThat(value(intranet, Property.DTSTART)).isEqualTo("20260802");
		assertThat(value(intranet, Property.DTEND)).isEqualTo("20260803");
		assertThat(value(intranet, Property.SUMMARY))
			.isEqualTo("Renew TLS certificate intranet.example.org (expires 2026-09-01)");
		assertThat(value(intranet, Property.TRANSP)).isEqualTo("TRANSPARENT");
		VAlarm alarm = intranet.getAlarms().getFirst();
		assertThat(alarm.<Property>getProperty(Property.ACTION).orElseThrow().getValue()).isEqualTo("DISPLAY");
		assertThat(((Trigger) alarm.getProperty(Property.TRIGGER).orElseThrow()).getDuration())
			.isEqualTo(Duration.ofHours(9));
		assertThat(alarm.<Property>getProperty(Property.DESCRIPTION)).isPresent();
	}

	@Test
	void descriptionNamesEveryPlaceTheCertificateIsServedAndItsOwners() throws Exception {
		VEvent shop = events(write(ReportFixtures.summary(), ReportFixtures.installations(), 30)).getFirst();

		assertThat(value(shop, Property.DESCRIPTION)).startsWith("The TLS certificate CN=shop.example.org expires on"
				+ " 2026-06-01 09:00 UTC. Renew it from 2026-05-22 and install it, with its full chain, wherever it is"
				+ " served (4 places):\n")
			.contains("- api.example.org:443 (TLS, 192.0.2.30), owner api-team\n",
					"- shop.example.org:443 (TLS, 2001:db8::20), owner web-team\n",
					"- shop.example.org:8443 (TLS, 192.0.2.20), owner web-team\n", "Owners: api-team, web-team\n",
					"SHA-256: " + SHARED, "From Example Org's cert-audit run 42 of 2026-05-22.");
	}

	@Test
	void renewalWhoseDayHasPassedIsOnTheRunsDay() throws Exception {
		VEvent shop = events(write(ReportFixtures.summary(), ReportFixtures.installations(), 30)).getFirst();

		// expires 2026-06-01, 10 days after the run of 2026-05-22: 30 days ahead is already past
		assertThat(start(shop)).isEqualTo(LocalDate.of(2026, 5, 22));
	}

	@Test
	void leadDaysMoveTheRenewalDay() throws Exception {
		VEvent intranet = events(write(ReportFixtures.summary(), ReportFixtures.installations(), 14)).get(1);

		assertThat(start(intranet)).isEqualTo(LocalDate.of(2026, 8, 18));
	}

	@Test
	void theNextNightsFileUpdatesTheSameEventsInsteadOfAddingNewOnes() throws Exception {
		RunSummary tonight = ReportFixtures.summary();
		RunSummary tomorrow = new RunSummary(43, tonight.organisation(), tonight.startedAt().plus(Duration.ofDays(1)),
				tonight.generatedAt().plus(Duration.ofDays(1)), tonight.thresholds(), tonight.inventories(),
				tonight.countsByStatus(), List.of(), Map.of(), List.of(), List.of(), RunChanges.FIRST_RUN, List.of(), List.of(), List.of(), tonight.judgement());

		List<VEvent> first = events(write(tonight, ReportFixtures.installations(), 30));
		List<VEvent> second = events(write(tomorrow, ReportFixtures.installations(), 30));

		assertThat(second).extracting(RenewalCalendarTest::uid)
			.containsExactlyElementsOf(first.stream().map(RenewalCalendarTest::uid).limit(2).toList());
		assertThat(value(first.getFirst(), Property.SEQUENCE)).isEqualTo("42");
		assertThat(value(second.getFirst(), Property.SEQUENCE)).isEqualTo("43");
		assertThat(value(second.getFirst(), Property.DTSTAMP)).isEqualTo("20260523T080000Z");
	}

	@Test
	void certificateReplacedOrGoneSinceThePreviousRunIsCancelled() throws Exception {
		List<VEvent> events = events(write(ReportFixtures.summary(), ReportFixtures.installations(), 30));

		// fine.example.org served dd..dd in run 41 and serves another certificate now
		VEvent replaced = events.get(2);
		assertThat(uid(replaced)).isEqualTo("dd".repeat(32) + "@cert-audit");
		assertThat(value(replaced, Property.STATUS)).isEqualTo("CANCELLED");
		assertThat(value(replaced, Property.SUMMARY))
			.isEqualTo("Replaced: the TLS certificate of fine.example.org:443 is no longer served");
		assertThat(value(replaced, Property.DESCRIPTION)).contains("was replaced by another certificate in Example Org's"
				+ " cert-audit run 42 of 2026-05-22, so its renewal is no longer due.");
		assertThat(replaced.getAlarms()).isEmpty();
		// gone.example.org, audited in run 41, is not audited now
		VEvent gone = events.get(3);
		assertThat(value(gone, Property.STATUS)).isEqualTo("CANCELLED");
		assertThat(value(gone, Property.SUMMARY)).isEqualTo("No longer audited: the TLS certificate of gone.example.org:443");
		assertThat(value(gone, Property.DESCRIPTION)).contains("was no longer found in");
		// the shop's and the intranet's certificates are served still
		assertThat(events).filteredOn((event) -> event.getProperty(Property.STATUS).isPresent()).hasSize(2);
	}

	@Test
	void placesBeyondThoseListedAreCountedAndEveryOwnerNamed() throws Exception {
		List<Installation> many = new ArrayList<>();
		int places = RenewalCalendar.PLACES_LISTED + 5;
		for (int i = 0; i < places; i++) {
			many.add(new Installation(SINGLE, "CN=*.example.org", Instant.parse("2026-09-01T09:00:00Z"), 102, places,
					"host" + i + ".example.org", 443, "TLS", "192.0.2." + i, "team-" + (i % 3)));
		}

		VEvent wildcard = events(write(ReportFixtures.summary(), many, 30)).getFirst();

		assertThat(value(wildcard, Property.SUMMARY)).isEqualTo("Renew TLS certificate *.example.org (expires 2026-09-01)");
		assertThat(value(wildcard, Property.DESCRIPTION)).contains("(30 places)", "- host24.example.org:443",
				"- and 5 more: the workbook's Installed at sheet lists them all", "Owners: team-0, team-1, team-2")
			.doesNotContain("host25.example.org");
	}

	private Calendar write(RunSummary summary, List<Installation> installations, int leadDays) throws Exception {
		Path file = this.directory.resolve("run-" + summary.runId() + "-" + leadDays + ".ics");
		RenewalCalendar calendar = new RenewalCalendar(new ReportSettings("", Thresholds.DEFAULTS, List.of(), null, leadDays));
		calendar.begin(summary, file);
		calendar.addInstallations(installations.subList(0, installations.size() / 2));
		calendar.addInstallations(installations.subList(installations.size() / 2, installations.size()));
		calendar.add(ReportFixtures.rows());
		calendar.finish();
		assertThat(Files.readString(file, StandardCharsets.UTF_8).lines()).allSatisfy(
				(line) -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
		return read(file);
	}

	private static Calendar read(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return new CalendarBuilder().build(reader);
		}
		catch (ParserException ex) {
			throw new AssertionError("not an iCalendar file: " + ex.getMessage(), ex);
		}
	}

	private static List<VEvent> events(Calendar calendar) {
		return calendar.getComponents(Component.VEVENT).stream()
			.map(VEvent.class::cast)
			.collect(Collectors.toList());
	}

	private static String uid(VEvent event) {
		return value(event, Property.UID);
	}

	private static LocalDate start(VEvent event) {
		return (LocalDate) event.<DtStart<?>>getProperty(Property.DTSTART).orElseThrow().getDate();
	}

	private static String value(VEvent event, String property) {
		return event.<Property>getProperty(property).orElseThrow().getValue();
	}

}
