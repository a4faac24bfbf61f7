package dev.certaudit.job;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job with {@code ics} among the formats, twice over the same inventory: one event per
 * certificate however many endpoints serve it, the same UIDs in both nights' files, and the calendar
 * attached to the mail.
 */
@SpringBootTest
class RenewalCalendarJobTest extends AuditJobTestSupport {

	@RegisterExtension
	static final GreenMailExtension SMTP = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withPerMethodLifecycle(false);

	@Autowired
	AuditLauncher launcher;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:renewal-calendar;DB_CLOSE_DELAY=-1");
		estateProperties(registry);
		// a cold JVM on a loaded machine may take over a second for its first handshakes
		registry.add("cert-audit.fetch.handshake-timeout", () -> "20s");
		registry.add("cert-audit.organisation", () -> "Example Org");
		registry.add("cert-audit.reports.formats", () -> "xlsx,ics");
		registry.add("cert-audit.calendar.lead-days", () -> "21");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
		registry.add("cert-audit.mail.enabled", () -> "true");
		registry.add("cert-audit.mail.from", () -> "cert-audit@example.test");
		registry.add("cert-audit.mail.to", () -> "ops@example.test");
	}

	@Test
	void oneEventPerCertificateWithTheSameUidEachNightAttachedToTheMail() throws Exception {
		int valid = ESTATE.cases().get("valid.test").port();
		Path inventory = ESTATE.directory().resolve("calendar.txt");
		// two names served the same certificate by one server: one certificate, two places
		Files.writeString(inventory, String.join("\n",
				"valid.test:" + valid + " address=127.0.0.1 owner=web",
				"alias.test:" + valid + " address=127.0.0.1 owner=shop",
				"expired.test:" + ESTATE.cases().get("expired.test").port() + " address=127.0.0.1 owner=ops",
				"closed.test:" + ESTATE.cases().get("closed.test").port() + " address=127.0.0.1") + "\n");

		RunOutcome first = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);
		RunOutcome second = this.launcher.audit(hosts(inventory), 4, AuditLauncher.StartMode.NEW);

		assertThat(first.completed()).isTrue();
		assertThat(second.completed()).isTrue();
		Map<String, VEvent> tonight = events(onlyFile(REPORTS.resolve(String.valueOf(first.runId())), ".ics"));
		Map<String, VEvent> tomorrow = events(onlyFile(REPORTS.resolve(String.valueOf(second.runId())), ".ics"));
		List<String> certificates = this.jdbc.queryForList(
				"SELECT DISTINCT sha256 FROM assessment WHERE run_id = ? AND sha256 IS NOT NULL", String.class,
				second.runId());
		assertThat(certificates).hasSize(2);
		assertThat(tomorrow).containsOnlyKeys(certificates.stream().map((sha256) -> sha256 + "@cert-audit").toList());
		assertThat(tonight.keySet()).isEqualTo(tomorrow.keySet());
		VEvent shared = tomorrow.values().stream()
			.filter((event) -> value(event, Property.DESCRIPTION).contains("(2 places)"))
			.findFirst()
			.orElseThrow();
		assertThat(value(shared, Property.SUMMARY)).startsWith("Renew TLS certificate valid.test (expires ");
		assertThat(value(shared, Property.DESCRIPTION)).contains("- alias.test:" + valid + " (TLS, 127.0.0.1), owner shop",
				"- valid.test:" + valid + " (TLS, 127.0.0.1), owner web", "Owners: shop, web");
		assertThat(value(shared, Property.SEQUENCE)).isEqualTo(String.valueOf(second.runId()));
		assertThat(value(tonight.get(uid(shared)), Property.SEQUENCE)).isEqualTo(String.valueOf(first.runId()));
		assertThat(shared.getAlarms()).hasSize(1);
		LocalDate expiry = this.jdbc.queryForObject("SELECT a.not_after FROM assessment a JOIN audit_target t"
				+ " ON t.run_id = a.run_id AND t.target_id = a.target_id WHERE a.run_id = ? AND t.host = 'valid.test'",
				OffsetDateTime.class, second.runId()).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
		assertThat(value(shared, Property.DTSTART))
			.isEqualTo(expiry.minusDays(21).format(DateTimeFormatter.BASIC_ISO_DATE));

		MimeMessage mail = SMTP.getReceivedMessages()[SMTP.getReceivedMessages().length - 1];
		BodyPart calendar = attachment((Multipart) mail.getContent(), ".ics");
		assertThat(calendar.getContentType()).startsWith("text/calendar");
		assertThat(calendar.getInputStream().readAllBytes())
			.isEqualTo(Files.readAllBytes(onlyFile(REPORTS.resolve(String.valueOf(second.runId())), ".ics")));
	}

	private static Map<String, VEvent> events(Path file) throws Exception {
		return new CalendarBuilder().build(new ByteArrayInputStream(Files.readAllBytes(file)))
			.getComponents(Component.VEVENT)
			.stream()
			.map(VEvent.class::cast)
			.collect(Collectors.toMap(RenewalCalendarJobTest::uid, Function.identity()));
	}

	private static BodyPart attachment(Multipart mixed, String suffix) throws Exception {
		for (int i = 1; i < mixed.getCount(); i++) {
			if (mixed.getBodyPart(i).getFileName().endsWith(suffix)) {
				return mixed.getBodyPart(i);
			}
		}
		throw new AssertionError("no attachment " + suffix);
	}

	private static String uid(VEvent event) {
		return value(event, Property.UID);
	}

	private static String value(VEvent event, String property) {
		return event.<Property>getProperty(property).orElseThrow().getValue();
	}

}
