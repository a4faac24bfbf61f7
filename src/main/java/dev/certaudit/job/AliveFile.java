package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.certaudit.PrivateFiles;

/**
 * A file written again every {@link #INTERVAL} while a manager or worker process runs
 * ({@code cert-audit.remote.alive-file}), for a container's liveness probe: one older than a few
 * intervals means a JVM that no longer gets a thread scheduled, which only a restart cures. It says
 * nothing about the broker or the database on purpose: a worker waiting for its broker is alive, and
 * restarting it would not bring the broker back.
 */
final class AliveFile implements AutoCloseable {

	static final Duration INTERVAL = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(AliveFile.class);

	private final Path file;

	private final ScheduledExecutorService touches;

	private AliveFile(Path file) {
		this.file = file;
		this.touches = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
			.name("cert-audit-alive")
			.daemon(true)
			.factory());
	}

	/**
	 * Writes the file now, so a probe finds it as soon as the process has started, and then every
	 * interval; null when no file is set.
	 */
	static AliveFile start(Path file) {
		if (file == null) {
			return null;
		}
		AliveFile alive = new AliveFile(file.toAbsolutePath());
		try {
			PrivateFiles.createFolders(alive.file.getParent());
			alive.write();
		}
		catch (IOException ex) {
			alive.touches.shutdownNow();
			// the whole story in the message: the command line tells the innermost cause, here a bare path
			throw new IllegalStateException("cert-audit.remote.alive-file " + alive.file + " cannot be written: "
					+ ex.getClass().getSimpleName() + " " + ex.getMessage());
		}
		alive.touches.scheduleWithFixedDelay(alive::touch, INTERVAL.toMillis(), INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
		return alive;
	}

	private void touch() {
		try {
			write();
		}
		catch (IOException ex) {
			log.warn("Cannot write the alive file {}: {}", this.file, ex.toString());
		}
	}

	/** Written whole, which sets its modification time, and brings it back if someone removed it. */
	private void write() throws IOException {
		Files.writeString(this.file, "pid " + ProcessHandle.current().pid() + " alive at " + Instant.now() + "\n");
	}

	/** The process ends: no file, rather than one a probe would read as alive for a while yet. */
	@Override
	public void close() throws IOException {
		this.touches.shutdownNow();
		Files.deleteIfExists(this.file);
	}

}
