package dev.certaudit.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import dev.certaudit.demo.IssuedCertificate;

/**
 * A loopback TLS server for one connection that records the server names (SNI) the client asked for,
 * read from the handshake session when the server picks its certificate, i.e. before it answers.
 */
final class SniRecordingTlsServer implements AutoCloseable {

	private static final String ALIAS = "server";

	private final SSLServerSocket serverSocket;

	private final CompletableFuture<List<SNIServerName>> requested = new CompletableFuture<>();

	private SniRecordingTlsServer(IssuedCertificate leaf) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(new X509ExtendedKeyManager[] { new RecordingKeyManager(leaf) }, null, null);
		this.serverSocket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		Thread.ofVirtual().name("sni-recording-" + port()).start(this::serveOne);
	}

	static SniRecordingTlsServer start(IssuedCertificate leaf) throws Exception {
		return new SniRecordingTlsServer(leaf);
	}

	int port() {
		return this.serverSocket.getLocalPort();
	}

	/** The host names of the SNI extension, empty when the client sent none. */
	List<String> requestedHostNames(Duration wait) throws Exception {
		return this.requested.get(wait.toMillis(), TimeUnit.MILLISECONDS)
			.stream()
			.map((name) -> (name instanceof SNIHostName host) ? host.getAsciiName() : name.toString())
			.toList();
	}

	private void serveOne() {
		try (SSLSocket socket = (SSLSocket) this.serverSocket.accept()) {
			socket.setSoTimeout(5_000);
			socket.startHandshake();
			socket.getInputStream().read();
		}
		catch (IOException ex) {
			// the client hangs up as soon as it has the chain
		}
	}

	@Override
	public void close() throws IOException {
		this.serverSocket.close();
	}

	private final class RecordingKeyManager extends X509ExtendedKeyManager {

		private final PrivateKey key;

		private final X509Certificate[] chain;

		RecordingKeyManager(IssuedCertificate leaf) {
			this.key = leaf.keyPair().getPrivate();
			this.chain = new X509Certificate[] { leaf.certificate() };
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() instanceof ExtendedSSLSession session) {
				SniRecordingTlsServer.this.requested.complete(session.getRequestedServerNames());
			}
			return keyType.equalsIgnoreCase(this.key.getAlgorithm()) ? ALIAS : null;
		}

		@Override
		public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			throw new UnsupportedOperationException("socket server only");
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
