package dev.certaudit.metrics;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Publishes a completed run's metrics, once, as the run's last step: to node_exporter's textfile
 * collector and to a Pushgateway, the usual ways out for a job that does not live to be scraped. A
 * file or push that fails is a warning in the log and in the step's exit description, never a failed
 * run: the reports are written and the findings stand. A run that fails before this step leaves the
 * last successful run's metrics in place, and its success timestamp ages, which is what an alert on a
 * nightly run that stopped succeeding watches.
 */
public class PublishMetricsTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(PublishMetricsTasklet.class);

	private final long runId;

	private final String inventory;

	private final MetricsSettings settings;

	private final RunMetrics metrics;

	private final Clock clock;

	/** @param inventories the run's inventories, as recorded: their file names group its metrics */
	public PublishMetricsTasklet(long runId, List<String> inventories, MetricsSettings settings, RunMetrics metrics,
			Clock clock) {
		this.runId = runId;
		this.inventory = inventoryLabel(inventories);
		this.settings = settings;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * {@code hosts.txt,domains.txt} for {@code hosts:/opt/cert-audit/jobs/hosts.txt} and
	 * {@code domains:/opt/cert-audit/jobs/domains.txt}: what an operator calls the audit, and short, since
	 * every series carries it.
	 */
	static String inventoryLabel(List<String> inventories) {
		return inventories.stream().map((inventory) -> {
			String path = inventory.substring(inventory.indexOf(':') + 1);
			return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
		}).collect(Collectors.joining(","));
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		if (!this.settings.enabled()) {
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("metrics disabled"));
			return RepeatStatus.FINISHED;
		}
		Instant ended = this.clock.instant();
		Instant started = chunkContext.getStepContext().getStepExecution().getJobExecution().getStartTime()
			.atZone(ZoneId.systemDefault()).toInstant();
		Duration duration = Duration.between(started, ended);
		List<String> outcomes = new ArrayList<>();
		Path folder = (this.settings.textfile() != null) ? this.settings.textfile().toAbsolutePath().getParent() : null;
		Path written = (folder != null) ? Files.createDirectories(folder).resolve("." + this.settings.textfile()
			.getFileName() + "." + this.runId + ".tmp") : Files.createTempFile("cert-audit-metrics", ".prom");
		try {
			try (Writer out = Files.newBufferedWriter(written, StandardCharsets.UTF_8)) {
				this.metrics.write(this.runId, this.inventory, ended, duration, out);
			}
			if (this.settings.pushgateway() != null) {
				outcomes.add(push(written));
			}
			if (this.settings.textfile() != null) {
				// node_exporter may read the file at any moment: it sees the old one or the new one, whole
				Files.move(written, this.settings.textfile(), StandardCopyOption.ATOMIC_MOVE,
						StandardCopyOption.REPLACE_EXISTING);
				outcomes.add("metrics written to " + this.settings.textfile().toAbsolutePath());
			}
		}
		finally {
			Files.deleteIfExists(written);
		}
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(String.join("; ", outcomes)));
		return RepeatStatus.FINISHED;
	}

	/**
	 * PUT replaces every metric of the group, so a run's endpoints that are gone are gone from the
	 * Pushgateway too. The grouping key is the inventories, base64url-encoded as the Pushgateway's API
	 * allows for values with slashes, so the audits of different inventories keep their own groups.
	 */
	private String push(Path body) {
		URI base = this.settings.pushgateway();
		String path = "/metrics/job/" + this.settings.job() + "/inventory@base64/"
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(this.inventory.getBytes(StandardCharsets.UTF_8));
		URI target = URI.create(base.toString().replaceAll("/+$", "") + path);
		Duration timeout = this.settings.pushTimeout();
		HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).proxy(HttpClient.Builder.NO_PROXY).build();
		CompletableFuture<HttpResponse<Void>> exchange = null;
		try {
			exchange = http.sendAsync(HttpRequest.newBuilder(target)
				.header("Content-Type", Exposition.CONTENT_TYPE)
				.PUT(HttpRequest.BodyPublishers.ofFile(body))
				.build(), HttpResponse.BodyHandlers.discarding());
			HttpResponse<Void> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (response.statusCode() / 100 == 2) {
				return "metrics pushed to " + base;
			}
			return failed(base, "HTTP status " + response.statusCode());
		}
		catch (TimeoutException ex) {
			return failed(base, "no answer within " + timeout.toMillis() + " ms");
		}
		catch (ExecutionException ex) {
			return failed(base, String.valueOf(ex.getCause()));
		}
		catch (IOException ex) {
			return failed(base, String.valueOf(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return failed(base, "interrupted");
		}
		finally {
			if (exchange != null) {
				exchange.cancel(true);
			}
			// close() would wait for an exchange that overran; the run does not
			http.shutdownNow();
		}
	}

	private static String failed(URI pushgateway, String reason) {
		log.warn("The run's metrics could not be pushed to {}: {}", pushgateway, reason);
		return "metrics push to " + pushgateway + " failed: " + reason;
	}

}
