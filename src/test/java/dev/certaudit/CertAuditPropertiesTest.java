package dev.certaudit;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static CertAuditProperties bind(Map<String, String> settings) {
		return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("cert-audit",
				CertAuditProperties.class);
	}

}
