package dev.certaudit.probe;

import java.net.Socket;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server chain so the handshake completes and the chain can be judged afterwards by the
 * analysis with full diagnostics. Extending {@link X509ExtendedTrustManager} matters: the JDK wraps a
 * plain {@code X509TrustManager} in checks that would abort handshakes with weak or broken chains,
 * which are exactly the chains an audit must see.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {

	static final CapturingTrustManager INSTANCE = new CapturingTrustManager();

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) {
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
		throw new UnsupportedOperationException("client side only");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		throw new UnsupportedOperationException("client side only");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) {
		throw new UnsupportedOperationException("client side only");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return new X509Certificate[0];
	}

}
