package dev.certaudit.job;

import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpAuthenticationException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * The RabbitMQ a manager sends its partition requests through. Without it a remote run would load and
 * discover its inventory and then fail at fetchAndAnalyse, saying only "Connection refused".
 */
public class PartitionBroker implements RunPrerequisite {

	private static final Logger log = LoggerFactory.getLogger(PartitionBroker.class);

	private final ConnectionFactory connectionFactory;

	public PartitionBroker(ConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	/**
	 * Opens the connection the requests will go through, as long as spring.rabbitmq.connection-timeout
	 * allows; a caching factory keeps it open for them, and declares the queue on it.
	 */
	@Override
	public Optional<String> unmet() {
		try {
			this.connectionFactory.createConnection().close();
			return Optional.empty();
		}
		catch (AmqpException ex) {
			log.debug("{} cannot be used", broker(), ex);
			return Optional.of(describe(ex));
		}
	}

	@Override
	public Optional<String> explain(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof AmqpException amqp) {
				return Optional.of(describe(amqp));
			}
		}
		return Optional.empty();
	}

	/**
	 * Spring AMQP tells a refused login apart; a refused or timed-out connection, a host that does not
	 * resolve and a connection lost while sending all leave the manager without its broker.
	 */
	private String describe(AmqpException failure) {
		if (failure instanceof AmqpAuthenticationException) {
			return broker() + " refused the login of user " + this.connectionFactory.getUsername() + " ("
					+ reason(failure) + "); check spring.rabbitmq.username and SPRING_RABBITMQ_PASSWORD";
		}
		return broker() + " is unreachable (" + reason(failure) + "); check spring.rabbitmq.host/port";
	}

	private String broker() {
		String host = this.connectionFactory.getHost();
		return "RabbitMQ at " + (host.contains(":") ? "[" + host + "]" : host) + ":" + this.connectionFactory.getPort();
	}

	/** What happened, as the innermost cause says it. */
	private static String reason(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof TimeoutException) {
			// a server that took the connection and never spoke AMQP
			return "no answer within the handshake timeout";
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

}
