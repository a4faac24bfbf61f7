package dev.certaudit.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.certaudit.probe.PlainTcpServer;

/**
 * An HTTP server on loopback whose every answer starts well and never finishes as it should: raw
 * sockets, since an HTTP server library would not misbehave so. It notices when the client hangs up,
 * so a test can show that a client that gave up also let go of the connection.
 */
public final class MisbehavingHttpServer implements AutoCloseable {

	private static final byte[] END_OF_HEADERS = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private final PlainTcpServer server;

	private final CountDownLatch hungUp = new CountDownLatch(1);

	private MisbehavingHttpServer(Answer answer) throws IOException {
		this.server = PlainTcpServer.start((socket) -> {
			readHeaders(socket.getInputStream());
			try {
				answer.send(socket);
			}
			catch (SocketTimeoutException ex) {
				// the client held on for the whole minute
			}
			catch (IOException ex) {
				// a write the client no longer takes: it closed the connection
				this.hungUp.countDown();
			}
		});
	}

	/** Headers of a 200 answer of a megabyte, then the body a byte every 100 ms, for a minute at most. */
	public static MisbehavingHttpServer dripping() throws IOException {
		return new MisbehavingHttpServer((socket) -> {
			OutputStream out = socket.getOutputStream();
			out.write(headers(1_000_000));
			for (int i = 0; i < 600; i++) {
				out.write('0');
				out.flush();
				Thread.sleep(100);
			}
		});
	}

	/** Headers of a 200 answer of a megabyte, then nothing until the client hangs up (a minute at most). */
	public static MisbehavingHttpServer stallingAfterHeaders() throws IOException {
		return new MisbehavingHttpServer((socket) -> {
			socket.getOutputStream().write(headers(1_000_000));
			socket.getOutputStream().flush();
			socket.setSoTimeout(60_000);
			InputStream in = socket.getInputStream();
			while (in.read() != -1) {
				// the rest of a POST's body
			}
			throw new IOException("end of stream");
		});
	}

	/** A 200 answer of {@code length} bytes, sent as fast as the client takes them. */
	public static MisbehavingHttpServer answering(int length) throws IOException {
		return new MisbehavingHttpServer((socket) -> {
			OutputStream out = socket.getOutputStream();
			out.write(headers(length));
			byte[] chunk = new byte[64 * 1024];
			for (int sent = 0; sent < length; sent += chunk.length) {
				out.write(chunk, 0, Math.min(chunk.length, length - sent));
			}
			out.flush();
			Thread.sleep(60_000);
		});
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.port() + path;
	}

	/** Whether the client closed its connection within {@code wait}. */
	public boolean clientHungUp(Duration wait) throws InterruptedException {
		return this.hungUp.await(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	private static byte[] headers(int length) {
		return ("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static void readHeaders(InputStream in) throws IOException {
		int matched = 0;
		while (matched < END_OF_HEADERS.length) {
			int next = in.read();
			if (next == -1) {
				throw new IOException("the client hung up before its request ended");
			}
			matched = (next == END_OF_HEADERS[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	@FunctionalInterface
	private interface Answer {

		void send(Socket socket) throws IOException, InterruptedException;

	}

}
