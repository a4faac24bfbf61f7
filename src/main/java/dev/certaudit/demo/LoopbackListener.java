package dev.certaudit.demo;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The accept loop the demo's loopback servers share: every connection is handed to the server's
 * handler on a virtual thread of its own, until {@link #close}.
 */
final class LoopbackListener implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();

	LoopbackListener(ServerSocket serverSocket, String name, Consumer<Socket> handler) {
		this.serverSocket = serverSocket;
		Thread.ofVirtual().name(name + "-accept-" + serverSocket.getLocalPort()).start(() -> acceptLoop(handler));
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	private void acceptLoop(Consumer<Socket> handler) {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.connections.submit(() -> handler.accept(socket));
			}
			catch (IOException ex) {
				// closed by close(); any other accept failure ends the server as well
				return;
			}
		}
	}

	@Override
	public void close() {
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
		this.connections.shutdownNow();
	}

}
