package dev.certaudit.metrics;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a completed run's metrics go; both off by default.
 * @param textfile a file for node_exporter's textfile collector, replaced atomically; null for none
 * @param pushgateway the Pushgateway's base URL, e.g. {@code http://pushgateway:9091}; null for none
 * @param job the Pushgateway's job label
 * @param pushTimeout the whole push, connecting included
 */
public record MetricsSettings(Path textfile, URI pushgateway, String job, Duration pushTimeout) {

	public boolean enabled() {
		return this.textfile != null || this.pushgateway != null;
	}

}
