package dev.certaudit.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A TLS server on a loopback port that presents exactly the chain it is given, in the given order,
 * including broken chains a real CA tool would refuse to assemble. Used by the demo and the tests so
 * no audit ever needs the internet.
 */
public final class LoopbackTlsServer implements AutoCloseable {

	private final SSLServerSocket serverSocket;

	private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();

	private final Duration firstFlightDelay;

	private final List<List<String>> requestedServerNames;

	private LoopbackTlsServer(SSLServerSocket serverSocket, Duration firstFlightDelay,
			List<List<String>> requestedServerNames) {
		this.serverSocket = serverSocket;
		this.firstFlightDelay = firstFlightDelay;
		this.requestedServerNames = requestedServerNames;
		Thread.ofVirtual().name("tls-accept-" + serverSocket.getLocalPort()).start(this::acceptLoop);
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
		try {
			List<List<String>> requestedServerNames = new CopyOnWriteArrayList<>();
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(new X509ExtendedKeyManager[] { new FixedChainKeyManager(key, chain, requestedServerNames) },
					null, null);
			SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
			return new LoopbackTlsServer(socket, firstFlightDelay, requestedServerNames);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("Cannot start TLS server: " + ex.getMessage(), ex);
		}
	}

	public static LoopbackTlsServer start(int port, IssuedCertificate leaf, X509Certificate... rest) throws IOException {
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(leaf.certificate());
		chain.addAll(List.of(rest));
		return start(port, leaf.keyPair().getPrivate(), chain);
	}

	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/** For each handshake so far, the host names the client asked for with SNI (empty without SNI). */
	public List<List<String>> requestedServerNames() {
		return List.copyOf(this.requestedServerNames);
	}

	private void acceptLoop() {
		while (!this.serverSocket.isClosed()) {
			try {
				Socket socket = this.serverSocket.accept();
				this.connections.submit(() -> handshakeAndClose((SSLSocket) socket, this.firstFlightDelay));
			}
			catch (IOException ex) {
				// closed by close(); any other accept failure ends the demo server as well
				return;
			}
		}
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
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
		this.connections.shutdownNow();
	}

	private static final class FixedChainKeyManager extends X509ExtendedKeyManager {

		private static final String ALIAS = "server";

		private final PrivateKey key;

		private final X509Certificate[] chain;

		private final List<List<String>> requestedServerNames;

		FixedChainKeyManager(PrivateKey key, List<X509Certificate> chain, List<List<String>> requestedServerNames) {
			this.key = key;
			this.chain = chain.toArray(X509Certificate[]::new);
			this.requestedServerNames = requestedServerNames;
		}

		@Override
		public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			return chooseServerAlias(keyType, issuers, null);
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			if (!keyType.equalsIgnoreCase(this.key.getAlgorithm())) {
				return null;
			}
			// the chosen key type is asked for once per handshake: the moment to note what SNI asked for
			if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() instanceof ExtendedSSLSession session) {
				this.requestedServerNames.add(session.getRequestedServerNames()
					.stream()
					.map((name) -> (name instanceof SNIHostName host) ? host.getAsciiName() : name.toString())
					.toList());
			}
			return ALIAS;
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return new String[] { ALIAS };
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.chain.clone();
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.key;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return new String[0];
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			return null;
		}

	}

}
