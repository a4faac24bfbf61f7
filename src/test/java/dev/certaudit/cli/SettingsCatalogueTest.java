package dev.certaudit.cli;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import dev.certaudit.cli.SettingsCatalogue.Setting;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsCatalogueTest {

	private final SettingsCatalogue catalogue = SettingsCatalogue.certAudit();

	@Test
	void everySettingApplicationYmlSetsIsKnown() throws IOException {
		for (PropertySource<?> document : new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"))) {
			for (String name : ((EnumerablePropertySource<?>) document).getPropertyNames()) {
				if (name.startsWith("cert-audit.")) {
					assertThat(this.catalogue.find(ConfigurationPropertyName.of(name))).as(name).isPresent();
				}
			}
		}
	}

	@Test
	void settingsAreKnownByTheDashedKeysTheReadmeUses() {
		assertThat(this.catalogue.settings()).extracting(Setting::key)
			.contains("cert-audit.reports-dir", "cert-audit.mail.enabled", "cert-audit.fetch.per-address-gap",
					"cert-audit.remote.partitions-at-once", "cert-audit.trust.extra-store-password")
			.doesNotContain("cert-audit.fetch", "cert-audit.mail");
	}

	@Test
	void settingsThatNameFilesArePaths() {
		assertThat(this.catalogue.settings()).filteredOn(Setting::isPath)
			.extracting(Setting::key)
			.containsExactlyInAnyOrder("cert-audit.reports-dir", "cert-audit.trust.extra-store",
					"cert-audit.trust.intermediates", "cert-audit.discovery.prefix-file", "cert-audit.dns.hosts-file",
					"cert-audit.ct.export", "cert-audit.metrics.textfile", "cert-audit.remote.ready-file",
					"cert-audit.remote.alive-file");
	}

	@Test
	void eachSettingSaysWhatItTakesFromItsTypeAndConstraints() {
		assertThat(accepts("cert-audit.fetch.retries")).isEqualTo("a whole number from 0 to 20");
		assertThat(accepts("cert-audit.thresholds.critical-days")).isEqualTo("a whole number of 0 or more");
		assertThat(accepts("cert-audit.trust.max-intermediates")).isEqualTo("a whole number");
		assertThat(accepts("cert-audit.inventory.on-bad-line")).isEqualTo("one of fail, skip");
		assertThat(accepts("cert-audit.reports.formats")).isEqualTo("a comma-separated list of xlsx, pdf, csv, json, ics");
		assertThat(accepts("cert-audit.mail.to")).isEqualTo("a comma-separated list");
		assertThat(accepts("cert-audit.revocation.enabled")).isEqualTo("true or false");
		assertThat(accepts("cert-audit.fetch.retry-backoff")).isEqualTo("a duration such as 500ms, 10s, 5m or 1h");
		assertThat(accepts("cert-audit.remote.queue")).isEqualTo("text that is not empty");
	}

	@Test
	void misspeltKeyIsMatchedToTheNearestKnownOne() {
		assertThat(this.catalogue.closest("cert-audit.mail.enable")).map(Setting::key).contains("cert-audit.mail.enabled");
		assertThat(this.catalogue.closest("cert-audit.fetch.retrys")).map(Setting::key).contains("cert-audit.fetch.retries");
		assertThat(this.catalogue.closest("cert-audit.treshold.warning-days")).map(Setting::key)
			.contains("cert-audit.thresholds.warning-days");
		assertThat(this.catalogue.closest("cert-audit.foo")).isEmpty();
	}

	@Test
	void environmentVariablesAreMatchedInEitherFormSpringBootBinds() {
		for (String variable : List.of("CERT_AUDIT_FETCH_RETRY_BACKOFF", "CERTAUDIT_FETCH_RETRYBACKOFF")) {
			assertThat(this.catalogue.findVariable(variable)).as(variable)
				.map(Setting::key)
				.contains("cert-audit.fetch.retry-backoff");
		}
		assertThat(this.catalogue.findVariable("CERT_AUDIT_MAIL_TO_0")).map(Setting::key).contains("cert-audit.mail.to");
		assertThat(this.catalogue.findVariable("CERT_AUDIT_MAIL_ENABLE")).isEmpty();
	}

	@Test
	void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
		assertThat(SettingsCatalogue.editDistance("enable", "enabled")).isEqualTo(1);
		assertThat(SettingsCatalogue.editDistance("retrys", "retries")).isEqualTo(2);
		assertThat(SettingsCatalogue.editDistance("kitten", "sitting")).isEqualTo(3);
		assertThat(SettingsCatalogue.editDistance("", "abc")).isEqualTo(3);
	}

	private String accepts(String key) {
		return this.catalogue.find(ConfigurationPropertyName.of(key)).orElseThrow().accepts();
	}

}
