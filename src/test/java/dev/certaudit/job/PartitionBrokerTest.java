package dev.certaudit.job;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** How a manager names its broker when it cannot use it, against the loopback RabbitMQ and ports that fail it. */
class PartitionBrokerTest {

	@Test
	void closedPortIsAnUnreachableBrokerNamedWithItsHostAndPort() throws Exception {
		try (Socket closed = new Socket()) {
			// bound but not listening: connections to it are refused
			closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", closed.getLocalPort());
			try {
				assertThat(new PartitionBroker(factory).unmet()).contains("RabbitMQ at 127.0.0.1:" + closed.getLocalPort()
						+ " is unreachable (Connection refused); check spring.rabbitmq.host/port");
			}
			finally {
				factory.destroy();
			}
		}
	}

	@Test
	void serverThatNeverSpeaksAmqpIsAnUnreachableBroker() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", silent.getLocalPort());
			factory.getRabbitConnectionFactory().setHandshakeTimeout(1000);
			try {
				assertThat(new PartitionBroker(factory).unmet()).contains("RabbitMQ at 127.0.0.1:" + silent.getLocalPort()
						+ " is unreachable (no answer within the handshake timeout); check spring.rabbitmq.host/port");
			}
			finally {
				factory.destroy();
			}
		}
	}

	@Test
	void wrongPasswordIsARefusedLoginNotAnOutage() {
		CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
		factory.setUsername("guest");
		factory.setPassword("not-the-password");
		try {
			assertThat(new PartitionBroker(factory).unmet()).hasValueSatisfying((reason) -> assertThat(reason)
				.startsWith("RabbitMQ at 127.0.0.1:5672 refused the login of user guest (")
				.endsWith("); check spring.rabbitmq.username and SPRING_RABBITMQ_PASSWORD"));
		}
		finally {
			factory.destroy();
		}
	}

	@Test
	void reachableBrokerIsMet() {
		CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", 5672);
		try {
			assertThat(new PartitionBroker(factory).unmet()).isEmpty();
		}
		finally {
			factory.destroy();
		}
	}

	@Test
	void failureOfASendIsExplainedOnlyWhenTheBrokerCausedIt() {
		CachingConnectionFactory factory = new CachingConnectionFactory("mq.example.test", 5673);
		PartitionBroker broker = new PartitionBroker(factory);
		GenericMessage<String> request = new GenericMessage<>("partition0");

		assertThat(broker.explain(new MessageHandlingException(request,
				new AmqpConnectException(new ConnectException("Connection refused")))))
			.contains("RabbitMQ at mq.example.test:5673 is unreachable (Connection refused); check spring.rabbitmq.host/port");
		assertThat(broker.explain(new IllegalStateException("disk full"))).isEmpty();
	}

}
