package dev.certaudit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.discovery.DnsSettings;
import dev.certaudit.discovery.HostsFile;
import dev.certaudit.inventory.ZoneSettings;
import dev.certaudit.notify.MailSettings;
import dev.certaudit.probe.FetchSettings;
import dev.certaudit.probe.Pem;
import dev.certaudit.report.ReportFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertAuditPropertiesTest {

	@Test
	void revocationCheckingIsOffByDefaultWithAFiveSecondTimeout() {
		CertAuditProperties properties = bind(Map.of());

		assertThat(properties.revocation().enabled()).isFalse();
		assertThat(properties.revocation().timeout()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void revocationCheckingIsSwitchedOnPerRun() {
		CertAuditProperties properties = bind(
				Map.of("cert-audit.revocation.enabled", "true", "cert-audit.revocation.timeout", "2s"));

		assertThat(properties.revocation().enabled()).isTrue();
		assertThat(properties.revocation().timeout()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void chainsMayHaveTwentyIntermediatesByDefaultAndNeverNone() {
		assertThat(bind(Map.of()).trust().maxIntermediates()).isEqualTo(20);
		assertThat(bind(Map.of("cert-audit.trust.max-intermediates", "8")).trust().maxIntermediates()).isEqualTo(8);
		assertThatThrownBy(() -> bind(Map.of("cert-audit.trust.max-intermediates", "0")))
			.rootCause()
			.hasMessage("cert-audit.trust.max-intermediates must be at least 1, got 0");
	}

	@Test
	void rootsGivenAsPemTextAreTrustedBesideTheJdks() {
		IssuedCertificate root = CertificateGenerator.root("CN=Root From A Container Secret");
		X509Certificate leaf = CertificateGenerator.certificate("CN=www.example.test")
			.issuedBy(root)
			.dnsNames("www.example.test")
			.build()
			.certificate();

		assertThat(bind(Map.of("cert-audit.trust.extra-pem", Pem.encode(root.certificate()))).trust()
			.chainValidator()
			.validate(List.of(leaf), Instant.now())
			.trusted()).isTrue();
		assertThat(bind(Map.of()).trust().chainValidator().validate(List.of(leaf), Instant.now()).trusted()).isFalse();
	}

	@Test
	void pemTextThatHoldsNoCertificateIsRefusedNamingTheSettingForAFile() {
		assertThatThrownBy(() -> bind(Map.of("cert-audit.trust.extra-pem", "/etc/cert-audit/roots.pem"))).rootCause()
			.hasMessageStartingWith("cert-audit.trust.extra-pem ")
			.hasMessageEndingWith("; a file of them goes into cert-audit.trust.extra-store");
		assertThat(bind(Map.of("cert-audit.trust.extra-pem", " ")).trust().chainValidator()).isNotNull();
	}

	@Test
	void runThatLostItsDatabaseIsResumedThreeTimesWaitingTwoMinutesEachByDefault() {
		CertAuditProperties.Database database = bind(Map.of()).database();

		assertThat(database.resumeAttempts()).isEqualTo(3);
		assertThat(database.reconnectTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(bind(Map.of("cert-audit.database.resume-attempts", "0")).database().resumeAttempts()).isZero();
	}

	@Test
	void zoneIncludesAreRefusedAndRecordsCappedByDefault() {
		assertThat(bind(Map.of()).zone().settings()).isEqualTo(new ZoneSettings(false, 100_000));
		assertThat(bind(Map.of("cert-audit.zone.allow-include", "true", "cert-audit.zone.max-records", "500")).zone()
			.settings()).isEqualTo(new ZoneSettings(true, 500));
		assertThatThrownBy(() -> bind(Map.of("cert-audit.zone.max-records", "0"))).rootCause()
			.hasMessage("cert-audit.zone.max-records must be at least 1, got 0");
	}

	@Test
	void fewerWarningDaysThanCriticalDaysAreRefusedNamingBoth() {
		assertThatThrownBy(() -> bind(Map.of("cert-audit.thresholds.critical-days", "14", "cert-audit.thresholds.warning-days", "10")))
			.rootCause()
			.hasMessage("cert-audit.thresholds.warning-days (10) must be at least cert-audit.thresholds.critical-days (14)");
	}

	@Test
	void everyReportFormatButTheCalendarIsWrittenByDefault() {
		assertThat(bind(Map.of()).reports().formats()).containsExactly(ReportFormat.XLSX, ReportFormat.PDF,
				ReportFormat.CSV, ReportFormat.JSON);
	}

	@Test
	void reportFormatsAreChosenByLowerCaseName() {
		assertThat(bind(Map.of("cert-audit.reports.formats", "json,csv,ics")).reports().formats())
			.containsExactly(ReportFormat.JSON, ReportFormat.CSV, ReportFormat.ICS);
	}

	@Test
	void anUnknownReportFormatIsRefusedNamingTheSetting() {
		assertThatThrownBy(() -> bind(Map.of("cert-audit.reports.formats", "xlsx,docx")))
			.hasMessageContaining("cert-audit.reports.formats")
			.rootCause()
			.hasMessageContaining("docx");
	}

	@Test
	void calendarRenewalsStartAtTheWarningThresholdUnlessLeadDaysAreSet() {
		assertThat(bind(Map.of()).reportSettings().calendarLeadDays()).isEqualTo(30);
		assertThat(bind(Map.of("cert-audit.thresholds.warning-days", "45")).reportSettings().calendarLeadDays())
			.isEqualTo(45);
		assertThat(bind(Map.of("cert-audit.calendar.lead-days", "14")).reportSettings().calendarLeadDays())
			.isEqualTo(14);
		assertThatThrownBy(() -> bind(Map.of("cert-audit.calendar.lead-days", "-1")).reportSettings())
			.hasMessageContaining("cert-audit.calendar.lead-days");
	}

	@Test
	void mailIsOffByDefaultAndNeedsNoAddresses() {
		CertAuditProperties.Mail mail = bind(Map.of()).mail();

		assertThat(mail.enabled()).isFalse();
		assertThat(mail.onlyOnProblems()).isFalse();
		assertThat(mail.perOwner()).isFalse();
		assertThat(mail.settings().enabled()).isFalse();
	}

	@Test
	void eachContactIsMailedOnlyWhenAskedTo() {
		Map<String, String> mail = Map.of("cert-audit.mail.enabled", "true", "cert-audit.mail.from",
				"cert-audit@example.test", "cert-audit.mail.to", "ops@example.test");
		Map<String, String> perOwner = new HashMap<>(mail);
		perOwner.put("cert-audit.mail.per-owner", "true");

		assertThat(bind(mail).mail().settings().perOwner()).isFalse();
		assertThat(bind(perOwner).mail().settings().perOwner()).isTrue();
	}

	@Test
	void mailRecipientsAreReadFromACommaSeparatedList() {
		MailSettings settings = bind(Map.of("cert-audit.mail.enabled", "true", "cert-audit.mail.from",
				"Cert Audit <cert-audit@example.test>", "cert-audit.mail.to", "ops@example.test, sec@example.test",
				"cert-audit.mail.cc", "log@example.test")).mail().settings();

		assertThat(settings.from().getAddress()).isEqualTo("cert-audit@example.test");
		assertThat(settings.recipients()).isEqualTo("to ops@example.test, sec@example.test; cc log@example.test");
		assertThat(settings.subject()).hasToString(
				"cert-audit {date}: {problems} of {total} endpoints need action ({expired} expired, {critical} critical, {warning} warning, {error} error)");
	}

	@Test
	void mailDeliveryHasTwoMinutesInAllUnlessSetOtherwise() {
		Map<String, String> mail = Map.of("cert-audit.mail.enabled", "true", "cert-audit.mail.from",
				"cert-audit@example.test", "cert-audit.mail.to", "ops@example.test");
		Map<String, String> patient = new HashMap<>(mail);
		patient.put("cert-audit.mail.delivery-timeout", "10m");
		Map<String, String> none = new HashMap<>(mail);
		none.put("cert-audit.mail.delivery-timeout", "0s");

		assertThat(bind(mail).mail().settings().deliveryTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(bind(patient).mail().settings().deliveryTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThatIllegalArgumentException().isThrownBy(() -> bind(none).mail().settings())
			.withMessage("cert-audit.mail.delivery-timeout must be positive, got PT0S");
	}

	@Test
	void mailToSomethingThatIsNotAnAddressIsRefusedNamingTheSetting() {
		CertAuditProperties.Mail mail = bind(Map.of("cert-audit.mail.enabled", "true", "cert-audit.mail.from",
				"cert-audit@example.test", "cert-audit.mail.to", "ops@example.test, the security team")).mail();

		assertThatIllegalArgumentException().isThrownBy(mail::settings)
			.withMessageStartingWith("cert-audit.mail.to: 'the security team' is not an email address");
	}

	@Test
	void mailWithoutRecipientsOrSenderIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> bind(Map.of("cert-audit.mail.enabled", "true", "cert-audit.mail.from",
					"cert-audit@example.test")).mail().settings())
			.withMessage("cert-audit.mail.to: name at least one recipient");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> bind(Map.of("cert-audit.mail.enabled", "true", "cert-audit.mail.to", "ops@example.test"))
				.mail()
				.settings())
			.withMessage("cert-audit.mail.from: set the address the report mail is sent from");
	}

	@Test
	void transientFetchFailuresGetFourAttemptsInAllByDefaultWithADoublingPauseOfUnderTwoSecondsInAll() {
		CertAuditProperties.Fetch fetch = bind(Map.of()).fetch();
		FetchSettings.Retries retries = fetch.settings().retries();

		assertThat(fetch.retries()).isEqualTo(3);
		assertThat(retries.delayBefore(1)).isEqualTo(Duration.ofMillis(250));
		assertThat(retries.delayBefore(3)).isEqualTo(Duration.ofSeconds(1));
		assertThat(IntStream.rangeClosed(1, fetch.retries()).mapToObj(retries::delayBefore).reduce(Duration.ZERO,
				Duration::plus))
			.isEqualTo(Duration.ofMillis(1750));
		assertThat(retries.delayBefore(7)).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void mailDialogueGetsThirtySecondsByDefaultApartFromTheTenSecondHandshake() {
		FetchSettings settings = bind(Map.of()).fetch().settings();

		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.dialogueTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(bind(Map.of("cert-audit.fetch.dialogue-timeout", "1m")).fetch().settings().dialogueTimeout())
			.isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void fetchTimeoutOfZeroIsRefusedSinceASocketWouldWaitForEver() {
		assertThatThrownBy(() -> bind(Map.of("cert-audit.fetch.dialogue-timeout", "0s")))
			.rootCause()
			.hasMessage("cert-audit.fetch.dialogue-timeout must be positive, got PT0S");
		assertThatThrownBy(() -> bind(Map.of("cert-audit.fetch.handshake-timeout", "-1s")))
			.rootCause()
			.hasMessage("cert-audit.fetch.handshake-timeout must be positive, got PT-1S");
	}

	@Test
	void progressIsLoggedEveryTenSecondsByDefaultAndNeverEveryZero() {
		assertThat(bind(Map.of()).progress().interval()).isEqualTo(Duration.ofSeconds(10));
		assertThatThrownBy(() -> bind(Map.of("cert-audit.progress.interval", "0s")))
			.rootCause()
			.hasMessage("cert-audit.progress.interval must be positive, got PT0S");
	}

	@Test
	void hostsFileIsTheSystemsUnlessSet() {
		assertThat(bind(Map.of()).dns().hostsFile()).isNull();
	}

	@Test
	void emptyHostsFileSettingLeavesNamesToDns() {
		DnsSettings settings = bind(Map.of("cert-audit.dns.hosts-file", "")).dns().settings();

		assertThat(settings.hostsFile()).isSameAs(HostsFile.none());
	}

	@Test
	void hostsFileSettingNamesTheFileRead(@TempDir Path directory) throws IOException {
		Path hosts = Files.writeString(directory.resolve("hosts"), "10.3.0.1 intranet.example.test\n");

		DnsSettings settings = bind(Map.of("cert-audit.dns.hosts-file", hosts.toString())).dns().settings();

		assertThat(settings.hostsFile().addresses(Name.fromConstantString("intranet.example.test.")))
			.contains(List.of("10.3.0.1"));
	}

	@Test
	void hostsFileSettingThatNamesNoFileIsRefusedNamingTheSettingAndFile(@TempDir Path directory) {
		Path missing = directory.resolve("hosts");
		CertAuditProperties.Dns dns = bind(Map.of("cert-audit.dns.hosts-file", missing.toString())).dns();

		assertThatIllegalArgumentException().isThrownBy(dns::settings)
			.withMessage("cert-audit.dns.hosts-file: cannot read " + missing
					+ " (no such file); set it empty to resolve names with DNS alone");
	}

	private static CertAuditProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("cert-audit",
				CertAuditProperties.class);
	}

}
