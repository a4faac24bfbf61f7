package dev.certaudit.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A loopback TCP server that is not TLS, handing each connection to a behaviour under test. */
public final class PlainTcpServer implements AutoCloseable {

	public interface Behaviour {

		void handle(Socket socket) throws IOException, InterruptedException;

	}

	/**
	 * Reads the ClientHello, then sends a handshake record header announcing 16 KiB and its body a byte
	 * a second: no single read waits long, only a deadline on the whole handshake ends it.
	 */
	public static final Behaviour DRIPS_A_BYTE_A_SECOND = (socket) -> {
		socket.getInputStream().read(new byte[4096]);
		OutputStream out = socket.getOutputStream();
		out.write(new byte[] { 0x16, 0x03, 0x03, 0x40, 0x00 });
		for (int i = 0; i < 30; i++) {
			out.write(0x02);
			out.flush();
			Thread.sleep(1_000);
		}
	};

	/**
	 * An SMTP greeting of 120 bytes, one every 250 ms, then silence: no single read waits long, only a
	 * deadline on the whole delivery ends it. Counts {@code hungUp} down once a byte can no longer be
	 * written, i.e. the client closed the connection.
	 */
	public static Behaviour dripsAnSmtpGreeting(CountDownLatch hungUp) {
		return (socket) -> {
			byte[] greeting = ("220 " + "slow.example.test ".repeat(6) + "ESMTP\r\n").getBytes(StandardCharsets.US_ASCII);
			try {
				for (byte b : greeting) {
					socket.getOutputStream().write(b);
					socket.getOutputStream().flush();
					Thread.sleep(250);
				}
				socket.getInputStream().read();
			}
			catch (IOException ex) {
				hungUp.countDown();
			}
		};
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
