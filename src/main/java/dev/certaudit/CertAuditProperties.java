package dev.certaudit;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.certaudit.analysis.Thresholds;
import dev.certaudit.probe.FetchSettings;

/** Every setting of cert-audit, under {@code cert-audit.*}; secrets come from the environment only. */
@ConfigurationProperties("cert-audit")
@Validated
public record CertAuditProperties(@DefaultValue("reports") @NotNull Path reportsDir,
		@DefaultValue @Valid Inventory inventory, @DefaultValue @Valid Fetch fetch,
		@DefaultValue @Valid ThresholdDays thresholds, @DefaultValue @Valid Trust trust) {

	/** What to do with an inventory line that cannot be parsed. */
	public enum BadLinePolicy {

		/** Stop the run before fetching anything, naming {@code file:line}. */
		FAIL,
		/** Skip the line and list it in the reports. */
		SKIP

	}

	public record Inventory(@DefaultValue("fail") BadLinePolicy onBadLine) {
	}

	/**
	 * @param concurrency handshakes in flight at once across the run
	 * @param chunkSize targets per transaction in one partition; concurrency / chunkSize partitions run
	 */
	public record Fetch(@DefaultValue("256") @Min(1) @Max(100_000) int concurrency,
			@DefaultValue("32") @Min(1) @Max(10_000) int chunkSize, @DefaultValue("5s") Duration connectTimeout,
			@DefaultValue("10s") Duration handshakeTimeout) {

		public FetchSettings settings() {
			return new FetchSettings(this.connectTimeout, this.handshakeTimeout);
		}

	}

	public record ThresholdDays(@DefaultValue("7") @Min(0) int criticalDays, @DefaultValue("30") @Min(0) int warningDays) {

		public Thresholds toThresholds() {
			return new Thresholds(this.criticalDays, this.warningDays);
		}

	}

	/**
	 * @param extraStore private CA roots trusted besides the JDK's (PEM/DER bundle, PKCS#12 or JKS)
	 * @param extraStorePassword from the environment ({@code CERT_AUDIT_TRUST_EXTRA_STORE_PASSWORD})
	 */
	public record Trust(Path extraStore, String extraStorePassword) {
	}

}
