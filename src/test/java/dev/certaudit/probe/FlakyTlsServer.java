package dev.certaudit.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import dev.certaudit.demo.IssuedCertificate;

/**
 * A loopback server that resets its first connections, as a restarting or overloaded server does, and
 * shakes hands with TLS from then on.
 */
final class FlakyTlsServer implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final SSLSocketFactory tls;

	private final int resets;

	private final AtomicInteger connections = new AtomicInteger();

	private FlakyTlsServer(IssuedCertificate leaf, int resets) throws Exception {
		this.tls = LoopbackProbes.serverContext(leaf).getSocketFactory();
		this.resets = resets;
		this.serverSocket = new ServerSocket();
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		Thread.ofVirtual().name("flaky-tls-" + port()).start(this::acceptLoop);
	}

	/** Resets the first {@code resets} connections right after accepting them. */
	static FlakyTlsServer start(IssuedCertificate leaf, int resets) throws Exception {
		return new FlakyTlsServer(leaf, resets);
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	/** Connections accepted so far, reset or served. */
	int connections() {
		return this.connections.get();
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				if (this.connections.incrementAndGet() <= this.resets) {
					// linger 0 makes close() send RST instead of FIN
					socket.setSoLinger(true, 0);
					socket.close();
				}
				else {
					Thread.ofVirtual().start(() -> serve(socket));
				}
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket plain) {
		try (SSLSocket socket = (SSLSocket) this.tls.createSocket(plain, null, true)) {
			socket.setSoTimeout(5_000);
			socket.startHandshake();
			// wait for the client to hang up, so it reads the whole flight
			socket.getInputStream().read();
		}
		catch (IOException ex) {
			// a client that hangs up once it has the chain is what an auditor does
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
	}

}
