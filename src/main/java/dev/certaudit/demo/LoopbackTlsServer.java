package dev.certaudit.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on a loopback port that presents exactly the chain it is given, in the given order,
 * including broken chains a real CA tool would refuse to assemble. Used by the demo and the tests so
 * no audit ever needs the internet.
 */
public final class LoopbackTlsServer implements AutoCloseable {

	private final LoopbackListener listener;

	private final Duration firstFlightDelay;

	private final List<List<String>> requestedServerNames;

	private LoopbackTlsServer(SSLServerSocket serverSocket, Duration firstFlightDelay,
			List<List<String>> requestedServerNames) {
		this.firstFlightDelay = firstFlightDelay;
		this.requestedServerNames = requestedServerNames;
		this.listener = new LoopbackListener(serverSocket, "tls",
				(socket) -> handshakeAndClose((SSLSocket) socket, this.firstFlightDelay));
	}

	/**
	 * Starts serving {@code chain} (leaf first, as sent) with the leaf's private key on 127.0.0.1.
	 * @param port the port to bind, or 0 for an ephemeral one
	 */
	public static LoopbackTlsServer start(int port, PrivateKey key, List<X509Certificate> chain) throws IOException {
		return start(port, key, chain, Duration.ZERO);
	}

	/**
	 * As {@link #start(int, PrivateKey, List)}, waiting {@code firstFlightDelay} before answering each
	 * client, as a distant or loaded server would.
	 */
	public static LoopbackTlsServer start(int port, PrivateKey key, List<X509Certificate> chain,
			Duration firstFlightDelay) throws IOException {
		return start(InetAddress.getLoopbackAddress(), port, key, chain, firstFlightDelay);
	}

	/**
	 * As {@link #start(int, PrivateKey, List, Duration)} on another loopback address (127.0.0.2, ::1 ...),
	 * so one name can have several backends that serve different certificates on the same port.
	 */
	public static LoopbackTlsServer start(InetAddress loopback, int port, PrivateKey key, List<X509Certificate> chain,
			Duration firstFlightDelay) throws IOException {
		if (!loopback.isLoopbackAddress()) {
			throw new IllegalArgumentException(loopback + " is not a loopback address");
		}
		try {
			List<List<String>> requestedServerNames = new CopyOnWriteArrayList<>();
			SSLContext context = FixedChainKeyManager.serverContext(key, chain, requestedServerNames);
			SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(loopback, port), 200);
			return new LoopbackTlsServer(socket, firstFlightDelay, requestedServerNames);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Cannot start TLS server: " + ex.getMessage(), ex);
		}
	}

	public static LoopbackTlsServer start(int port, IssuedCertificate leaf, X509Certificate... rest) throws IOException {
		return start(InetAddress.getLoopbackAddress(), port, leaf, rest);
	}

	public static LoopbackTlsServer start(InetAddress loopback, int port, IssuedCertificate leaf,
			X509Certificate... rest) throws IOException {
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(leaf.certificate());
		chain.addAll(List.of(rest));
		return start(loopback, port, leaf.keyPair().getPrivate(), chain, Duration.ZERO);
	}

	public int port() {
		return this.listener.port();
	}

	/** For each handshake so far, the host names the client asked for with SNI (empty without SNI). */
	public List<List<String>> requestedServerNames() {
		return List.copyOf(this.requestedServerNames);
	}

	private static void handshakeAndClose(SSLSocket socket, Duration firstFlightDelay) {
		try (socket) {
			if (!firstFlightDelay.isZero()) {
				Thread.sleep(firstFlightDelay);
			}
			socket.setSoTimeout(10_000);
			socket.startHandshake();
			// wait for the client to close so it can read the whole flight
			socket.getInputStream().read();
		}
		catch (IOException ex) {
			// a client that hangs up mid-handshake is normal for an auditor that only wants the chain
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.listener.close();
	}

}
