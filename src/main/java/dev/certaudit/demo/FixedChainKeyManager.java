package dev.certaudit.demo;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents one key with exactly the chain it is given, in the given order, whatever the client asks
 * for, and notes the host names each client requested with SNI. The loopback servers share it so
 * that implicit TLS and STARTTLS present chains the same way.
 */
final class FixedChainKeyManager extends X509ExtendedKeyManager {

	private static final String ALIAS = "server";

	private final PrivateKey key;

	private final X509Certificate[] chain;

	private final List<List<String>> requestedServerNames;

	private FixedChainKeyManager(PrivateKey key, List<X509Certificate> chain, List<List<String>> requestedServerNames) {
		this.key = key;
		this.chain = chain.toArray(X509Certificate[]::new);
		this.requestedServerNames = requestedServerNames;
	}

	/**
	 * A server-side TLS context presenting {@code chain} (leaf first, as sent) with the leaf's
	 * {@code key}, adding to {@code requestedServerNames} once per handshake.
	 */
	static SSLContext serverContext(PrivateKey key, List<X509Certificate> chain,
			List<List<String>> requestedServerNames) throws GeneralSecurityException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(new X509ExtendedKeyManager[] { new FixedChainKeyManager(key, chain, requestedServerNames) },
				null, null);
		return context;
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
