package dev.certaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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
	void transientFetchFailuresGetFiveAttemptsInAllByDefaultWithADoublingPause() {
		CertAuditProperties.Fetch fetch = bind(Map.of()).fetch();

		assertThat(fetch.retries()).isEqualTo(4);
		assertThat(fetch.settings().retries().delayBefore(1)).isEqualTo(Duration.ofMillis(500));
		assertThat(fetch.settings().retries().delayBefore(4)).isEqualTo(Duration.ofSeconds(4));
		assertThat(fetch.settings().retries().delayBefore(5)).isEqualTo(Duration.ofSeconds(8));
		assertThat(fetch.settings().retries().delayBefore(6)).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void progressIsLoggedEveryTenSecondsByDefaultAndNeverEveryZero() {
		assertThat(bind(Map.of()).progress().interval()).isEqualTo(Duration.ofSeconds(10));
		assertThatThrownBy(() -> bind(Map.of("cert-audit.progress.interval", "0s")))
			.rootCause()
			.hasMessage("cert-audit.progress.interval must be positive, got PT0S");
	}

	private static CertAuditProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("cert-audit",
				CertAuditProperties.class);
	}

}
