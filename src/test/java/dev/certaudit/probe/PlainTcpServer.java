package dev.certaudit.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback TCP server that is not TLS, handing each connection to a behaviour under test. */
public final class PlainTcpServer implements AutoCloseable {

	public interface Behaviour {

		void handle(Socket socket) throws IOException, InterruptedException;

	}

	private final ServerSocket serverSocket;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private PlainTcpServer(Behaviour behaviour) throws IOException {
		this.serverSocket = new ServerSocket();
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		Thread.ofVirtual().name("plain-tcp-" + port()).start(() -> acceptLoop(behaviour));
	}

	public static PlainTcpServer start(Behaviour behaviour) throws IOException {
		return new PlainTcpServer(behaviour);
	}

	public int port() {
		return this.serverSocket.getLocalPort();
	}

	private void acceptLoop(Behaviour behaviour) {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.accepted.add(socket);
				Thread.ofVirtual().start(() -> {
					try (socket) {
						behaviour.handle(socket);
					}
					catch (IOException | InterruptedException ex) {
						// the test judges what the client saw
					}
				});
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
		for (Socket socket : this.accepted) {
			socket.close();
		}
	}

}
