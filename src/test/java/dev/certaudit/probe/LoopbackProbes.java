package dev.certaudit.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the probe tests share for visiting servers on loopback. Registered as a static field with
 * {@code @RegisterExtension}, it holds a root, an intermediate and a leaf for one host name, made once
 * for the test class, and a fetcher and an impatient fetcher, made for each test and closed after it.
 * Its targets pin their names to the loopback address, so no test ever asks DNS.
 */
final class LoopbackProbes implements BeforeEachCallback, AfterEachCallback {

	static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

	/** One attempt a visit: what a test's server does to the first connection is what the result says. */
	static final FetchSettings.Retries NO_RETRIES = new FetchSettings.Retries(0, Duration.ZERO, Duration.ZERO);

	/** Long enough for a handshake on a loaded machine, short enough that a test waits it out. */
	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	/** The impatient fetcher's deadline for a dialogue and for a handshake, for the tests of servers that stall or drip. */
	private static final Duration IMPATIENT_TIMEOUT = Duration.ofMillis(500);

	private final String host;

	private final IssuedCertificate root;

	private final IssuedCertificate intermediate;

	private final IssuedCertificate leaf;

	private CertificateFetcher fetcher;

	private CertificateFetcher impatientFetcher;

	/**
	 * @param host the name the leaf is issued to
	 * @param issuer what the root and intermediate are called: "{issuer} Root" and "{issuer} CA"
	 */
	LoopbackProbes(String host, String issuer) {
		this.host = host;
		this.root = CertificateGenerator.root("CN=" + issuer + " Root");
		this.intermediate = CertificateGenerator.intermediate("CN=" + issuer + " CA", this.root);
		this.leaf = CertificateGenerator.certificate("CN=" + host).issuedBy(this.intermediate).dnsNames(host).build();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.fetcher = new CertificateFetcher(new FetchSettings(TIMEOUT, TIMEOUT, TIMEOUT, NO_RETRIES));
		this.impatientFetcher = new CertificateFetcher(
				new FetchSettings(TIMEOUT, IMPATIENT_TIMEOUT, IMPATIENT_TIMEOUT, NO_RETRIES));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.fetcher.close();
		this.impatientFetcher.close();
	}

	IssuedCertificate root() {
		return this.root;
	}

	IssuedCertificate intermediate() {
		return this.intermediate;
	}

	IssuedCertificate leaf() {
		return this.leaf;
	}

	/** The intermediate, then the root: what a server sends after the leaf to present the whole chain. */
	X509Certificate[] issuers() {
		return new X509Certificate[] { this.intermediate.certificate(), this.root.certificate() };
	}

	/** Asserts that {@code result} is the whole chain, in the order sent, fetched from loopback over TLS 1.3. */
	void assertWholeChainFetched(ProbeResult result) {
		assertThat(result.outcome()).isEqualTo(ProbeOutcome.FETCHED);
		assertThat(result.detail()).isNull();
		assertThat(result.address()).isEqualTo(LOOPBACK);
		assertThat(result.chain()).containsExactly(this.leaf.certificate(),
				this.intermediate.certificate(), this.root.certificate());
		assertThat(result.tlsProtocol()).isEqualTo("TLSv1.3");
	}

	/** Without retries, with time for a whole handshake. */
	CertificateFetcher fetcher() {
		return this.fetcher;
	}

	/** Without retries, giving up on a STARTTLS dialogue or a handshake after {@link #IMPATIENT_TIMEOUT}. */
	CertificateFetcher impatientFetcher() {
		return this.impatientFetcher;
	}

	/**
	 * What the fetcher makes of a plain loopback server that answers the leaf's host name over
	 * {@code protocol} by following {@code script}; the server is closed once the visit is over.
	 */
	ProbeResult fetchFrom(Protocol protocol, PlainTcpServer.Behaviour script) throws IOException {
		try (PlainTcpServer server = PlainTcpServer.start(script)) {
			return this.fetcher.fetch(pinned(this.host, protocol, server.port()));
		}
	}

	/** {@code host} over implicit TLS, pinned to the loopback address. */
	static Target pinned(String host, int port) {
		return pinned(host, Protocol.TLS, port);
	}

	/** {@code host} over {@code protocol}, pinned to the loopback address. */
	static Target pinned(String host, Protocol protocol, int port) {
		return new Target(host, port, protocol, LOOPBACK, Map.of(), "test:1");
	}

	/** A loopback port nothing listens on: bound for a moment to learn a free one, then let go. */
	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return socket.getLocalPort();
		}
	}

	/** A leaf for {@code host} that signs itself, for servers whose tests judge the visit, not the chain. */
	static IssuedCertificate selfSigned(String host) {
		return CertificateGenerator.certificate("CN=" + host).dnsNames(host).build();
	}

	/**
	 * A server-side TLS context presenting {@code leaf} alone, for the tests' own servers that need more
	 * control over the connection than {@link dev.certaudit.demo.LoopbackTlsServer} gives.
	 */
	static SSLContext serverContext(IssuedCertificate leaf) throws GeneralSecurityException, IOException {
		char[] password = new char[0];
		KeyStore keys = KeyStore.getInstance("PKCS12");
		keys.load(null, null);
		keys.setKeyEntry("server", leaf.keyPair().getPrivate(), password, new X509Certificate[] { leaf.certificate() });
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, password);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		return context;
	}

}
