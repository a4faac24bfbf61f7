package dev.certaudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;

import dev.certaudit.PrivateFiles;
import dev.certaudit.inventory.Echo;

/**
 * Whether this worker serves partitions: its consumers are registered on the queue at the broker
 * (the broker's consume-ok). The listener container reconnects by itself to a broker it cannot reach
 * or lost, trying again every {@code retry}; this says so once when serving stops and once when it
 * resumes, in place of the container's own line and stack trace per consumer at every attempt, and
 * keeps the ready file a container's readiness probe looks for ({@code cert-audit.remote.ready-file}):
 * there while the worker serves, gone while it cannot and from the moment it is told to stop.
 * <p>
 * Serving ends when the connection does, as the connection factory tells it: the moment an attempt to
 * connect fails, or the connection is lost. The container's own events about its consumers come after
 * each consumer's pause before its next attempt, and one consumer's could come after another had
 * connected again.
 */
final class WorkerReadiness implements ConnectionListener {

	private static final Logger log = LoggerFactory.getLogger(WorkerReadiness.class);

	private enum State {

		NOT_SERVING, SERVING, STOPPING

	}

	private final String broker;

	private final String queue;

	private final int partitionsAtOnce;

	private final Duration retry;

	private final Path readyFile;

	private State state = State.NOT_SERVING;

	/** Whether the worker has served since it started: serving again is a reconnection. */
	private boolean served;

	/** Whether the worker has started: what stops it before is the command line's one line to tell. */
	private boolean started;

	/** Whether the operator has been told it does not serve, since it last served. */
	private boolean told;

	/**
	 * @param broker the broker's {@code host:port}, as the operator configured it
	 * @param readyFile null for none; one a killed process left behind is removed, since this process
	 * does not serve yet
	 */
	WorkerReadiness(String broker, String queue, int partitionsAtOnce, Duration retry, Path readyFile) {
		this.broker = broker;
		this.queue = queue;
		this.partitionsAtOnce = partitionsAtOnce;
		this.retry = retry;
		this.readyFile = (readyFile != null) ? readyFile.toAbsolutePath() : null;
		if (this.readyFile != null) {
			try {
				PrivateFiles.createFolders(this.readyFile.getParent());
				Files.deleteIfExists(this.readyFile);
			}
			catch (IOException ex) {
				// the whole story in the message: the command line tells the innermost cause, here a bare path
				throw new IllegalStateException("cert-audit.remote.ready-file " + this.readyFile + " cannot be written: "
						+ ex.getClass().getSimpleName() + " " + ex.getMessage());
			}
		}
	}

	/** A consumer is registered on the queue: the broker delivers partitions to this worker. */
	@EventListener
	public synchronized void consuming(ConsumeOkEvent event) {
		if (!this.queue.equals(event.getQueue()) || this.state != State.NOT_SERVING) {
			return;
		}
		if (this.served) {
			log.info("Broker {} answers again: serving partitions from queue {}", this.broker, this.queue);
		}
		else {
			log.info("cert-audit worker (pid {}) serving partitions from queue {} at broker {}, {} at a time;"
					+ " stop it with SIGTERM", ProcessHandle.current().pid(), this.queue, this.broker,
					this.partitionsAtOnce);
		}
		this.state = State.SERVING;
		this.served = true;
		this.told = false;
		writeReadyFile();
	}

	@Override
	public void onCreate(Connection connection) {
		// serving begins with a consumer's consume-ok on it
	}

	/** The broker cannot be reached, or refused the login, which the container does not try again. */
	@Override
	public synchronized void onFailed(Exception failure) {
		if (failure instanceof PossibleAuthenticationFailureException) {
			deleteReadyFile();
			return;
		}
		notServing("cannot connect", failure);
	}

	/** The broker, or the network, ended the connection. */
	@Override
	public synchronized void onShutDown(ShutdownSignalException signal) {
		if (!signal.isInitiatedByApplication()) {
			notServing("lost the connection", signal);
		}
	}

	/** The container stopped its consumers for good (a login refused, a queue that cannot be used). */
	@EventListener
	public synchronized void consumerFailed(ListenerContainerConsumerFailedEvent event) {
		if (!event.isFatal() || this.state == State.STOPPING) {
			return;
		}
		this.state = State.STOPPING;
		deleteReadyFile();
		if (!this.started) {
			return;
		}
		log.error("cert-audit worker stopped serving partitions from queue {} at broker {}: {}; restart it once"
				+ " that is fixed", this.queue, this.broker,
				(event.getThrowable() != null) ? cause(event.getThrowable()) : event.getReason());
	}

	/** Told once until the worker serves again, with the first cause; the container tries again by itself. */
	private void notServing(String what, Throwable failure) {
		if (this.state == State.STOPPING) {
			return;
		}
		deleteReadyFile();
		if (!this.told) {
			log.warn("cert-audit worker not serving partitions: broker {} (queue {}): {}: {}; trying again every {} s",
					this.broker, this.queue, what, cause(failure), this.retry.toSeconds());
		}
		this.state = State.NOT_SERVING;
		this.told = true;
	}

	@EventListener(ContextRefreshedEvent.class)
	public synchronized void started() {
		this.started = true;
	}

	/** Told to stop, the worker takes no new partition: not ready, while it finishes those it runs. */
	@EventListener(ContextClosedEvent.class)
	public synchronized void stopping() {
		this.state = State.STOPPING;
		deleteReadyFile();
	}

	/** The innermost cause, which names what went wrong ({@code ConnectException: Connection refused}). */
	private static String cause(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return Echo.bounded(root.getClass().getSimpleName()
				+ ((root.getMessage() != null) ? ": " + root.getMessage() : ""));
	}

	private void writeReadyFile() {
		if (this.readyFile == null) {
			return;
		}
		try {
			Files.writeString(this.readyFile, "serving queue " + this.queue + " at broker " + this.broker + " since "
					+ Instant.now() + "\n");
		}
		catch (IOException ex) {
			log.warn("Cannot write the ready file {}: {}", this.readyFile, ex.toString());
		}
	}

	private void deleteReadyFile() {
		if (this.readyFile == null) {
			return;
		}
		try {
			Files.deleteIfExists(this.readyFile);
		}
		catch (IOException ex) {
			log.warn("Cannot delete the ready file {}: {}", this.readyFile, ex.toString());
		}
	}

}
