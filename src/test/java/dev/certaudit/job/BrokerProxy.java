package dev.certaudit.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port in front of the real RabbitMQ that a test can take away and give back, as a broker
 * that restarts or a network that fails would: closed (connections refused), forwarding to the broker,
 * or hanging up on each connection as soon as it is accepted.
 */
final class BrokerProxy implements AutoCloseable {

	private final int port;

	private final InetSocketAddress broker;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger hungUp = new AtomicInteger();

	private ServerSocket listening;

	private volatile boolean forwarding;

	/** Closed: a port that was free a moment ago, so nothing listens there. */
	BrokerProxy(InetSocketAddress broker) throws IOException {
		this.broker = broker;
		try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			this.port = probe.getLocalPort();
		}
	}

	int port() {
		return this.port;
	}

	/** Connections from now on reach the broker. */
	synchronized void forward() throws IOException {
		this.forwarding = true;
		listen();
	}

	/**
	 * Connections made through the proxy end, and new ones are accepted and closed at once, before the
	 * broker's greeting; counted. The port stays bound: connections just closed on it would keep it
	 * from being bound again for a while.
	 */
	synchronized void hangUp() throws IOException {
		this.forwarding = false;
		listen();
		closeConnections();
	}

	/** Whether a connection was made through the proxy since it last closed them: closing would cut it. */
	boolean relaying() {
		return !this.sockets.isEmpty();
	}

	/** How many connections were hung up on. */
	int hungUp() {
		return this.hungUp.get();
	}

	/** Nothing listens, and every connection made through the proxy ends. */
	@Override
	public synchronized void close() throws IOException {
		if (this.listening != null) {
			this.listening.close();
			this.listening = null;
		}
		closeConnections();
	}

	private void closeConnections() throws IOException {
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.sockets.clear();
	}

	private void listen() throws IOException {
		if (this.listening != null) {
			return;
		}
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		this.listening = server;
		Thread.ofVirtual().start(() -> accept(server));
	}

	private void accept(ServerSocket server) {
		try {
			while (!server.isClosed()) {
				Socket client = server.accept();
				if (!this.forwarding) {
					client.close();
					this.hungUp.incrementAndGet();
					continue;
				}
				Socket upstream = new Socket(this.broker.getAddress(), this.broker.getPort());
				this.sockets.add(client);
				this.sockets.add(upstream);
				Thread.ofVirtual().start(() -> pump(client, upstream));
				Thread.ofVirtual().start(() -> pump(upstream, client));
			}
		}
		catch (IOException ex) {
			// closed: the test took the port away
		}
	}

	private static void pump(Socket from, Socket to) {
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			in.transferTo(out);
		}
		catch (IOException ex) {
			// one side ended: so does the other
		}
		finally {
			try {
				from.close();
				to.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}
	}

}
