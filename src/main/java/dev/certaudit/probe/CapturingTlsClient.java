package dev.certaudit.probe;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Vector;

import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.jcajce.util.JcaJceHelper;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CertificateStatus;
import org.bouncycastle.tls.CertificateStatusRequest;
import org.bouncycastle.tls.CertificateStatusType;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsDHGroupVerifier;
import org.bouncycastle.tls.DefaultTlsKeyExchangeFactory;
import org.bouncycastle.tls.ExtensionType;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.OCSPStatusRequest;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsECDHEKeyExchange;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsKeyExchange;
import org.bouncycastle.tls.TlsKeyExchangeFactory;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.DHGroup;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * A TLS client that takes whatever a server offers, to see its certificate: TLS 1.0 to 1.3, RSA key
 * transport, DHE and ECDHE, SHA-1 signatures, CBC and 3DES suites, finite-field groups of any size,
 * long chains, and SNI as the name is written (underscores included). It is Bouncy Castle's TLS API
 * rather than the JDK's, whose policy (jdk.tls.disabledAlgorithms, the 10-certificate chain limit, SNI
 * host name rules) is global to the JVM: relaxing it there would weaken cert-audit's own connections to
 * its database, mail server and CAs. The chain is kept as soon as the Certificate message arrives, so a
 * server that then aborts (for want of a client certificate, say) is still judged on it; the server's
 * signature over the handshake is verified as in any handshake, nothing the chain says is trusted.
 */
final class CapturingTlsClient extends DefaultTlsClient {

	/** Offered in this order, so a server that follows the client's preference picks a modern suite. */
	private static final int[] OFFERED_SUITES = {
			CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384,
			CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
			CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
			CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
			CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
			CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
			CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
			CipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
			CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384,
			CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384,
			CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA256,
			CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
			CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
			CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA,
			CipherSuite.TLS_DHE_DSS_WITH_AES_128_CBC_SHA, CipherSuite.TLS_DHE_DSS_WITH_AES_256_CBC_SHA,
			CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
			CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA256,
			CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
			CipherSuite.TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
			CipherSuite.TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA, CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA };

	/** Weak finite-field groups are what an audit must see, so any group is accepted (and reported). */
	private static final int SMALLEST_DH_PRIME_BITS = 256;

	private static final Map<Integer, String> SUITE_NAMES = suiteNames();

	private static final Set<Short> RSA_SIGNATURES = Set.of(SignatureAlgorithm.rsa,
			SignatureAlgorithm.rsa_pss_rsae_sha256, SignatureAlgorithm.rsa_pss_rsae_sha384,
			SignatureAlgorithm.rsa_pss_rsae_sha512, SignatureAlgorithm.rsa_pss_pss_sha256,
			SignatureAlgorithm.rsa_pss_pss_sha384, SignatureAlgorithm.rsa_pss_pss_sha512);

	private static final int SERVER_CLOSE_WAIT_MILLIS = 500;

	private static final int MAX_HANDSHAKE_MESSAGE_BYTES = 1024 * 1024;

	/** Whatever the server still sends after the handshake is read and dropped, up to this much. */
	private static final long SERVER_CLOSE_DRAIN_LIMIT = 64 * 1024;

	/**
	 * The JDK's providers, which the JVM accelerates, and Bouncy Castle's for the signature names they
	 * lack (TLS 1.2's RSA-PSS, {@code SHA256WITHRSAANDMGF1}).
	 */
	private static final TlsCrypto CRYPTO = new JcaTlsCryptoProvider() {
		@Override
		public JcaJceHelper getHelper() {
			return new JdkFirstHelper();
		}
	}.create(new SecureRandom());

	private final String serverName;

	private final int maxChainLength;

	/** Offers only what RSA certificates sign with, as an old client does, to see a dual server's RSA leaf. */
	private final boolean rsaOnly;

	private volatile List<X509Certificate> chain = List.of();

	private volatile byte[] stapledOcsp;

	private volatile boolean clientCertificateRequested;

	private volatile int dhPrimeBits;

	/** The curve of a TLS 1.2 ECDHE exchange, which TLS 1.2 leaves out of the negotiated parameters. */
	private volatile int ecdheGroup = -1;

	/** @param serverName sent as SNI; null to send none */
	private CapturingTlsClient(String serverName, int maxChainLength, boolean rsaOnly) {
		super(CRYPTO);
		this.serverName = serverName;
		this.maxChainLength = maxChainLength;
		this.rsaOnly = rsaOnly;
	}

	/**
	 * Shakes hands over a connected socket, with the given name as SNI (null for none).
	 * @return the chain and what the handshake showed; the chain is empty only when the server sent none
	 * @throws IOException when the handshake failed before the server's chain arrived
	 */
	static Capture handshake(Socket socket, String serverName, int maxChainLength, boolean rsaOnly)
			throws IOException {
		CapturingTlsClient client = new CapturingTlsClient(serverName, maxChainLength, rsaOnly);
		RecordSniffer in = new RecordSniffer(socket.getInputStream());
		// the protocol may not close the socket: the server is given the chance to close first, below
		TlsClientProtocol protocol = new TlsClientProtocol(in, new FilterOutputStream(socket.getOutputStream()) {
			@Override
			public void write(byte[] buffer, int offset, int length) throws IOException {
				this.out.write(buffer, offset, length);
			}

			@Override
			public void close() throws IOException {
				flush();
			}
		});
		String failure = null;
		try {
			protocol.connect(client);
		}
		catch (IOException ex) {
			if (client.chain.isEmpty()) {
				throw in.spokeTls() ? ex : new NotTlsException(ex);
			}
			failure = describe(ex);
		}
		finally {
			try {
				protocol.close();
			}
			catch (IOException ex) {
				// the connection broke; what the handshake got is reported, or the failure that ended it
			}
		}
		awaitServerClose(socket);
		return new Capture(client.chain, client.handshake(failure));
	}

	/**
	 * Waits briefly for the server to close its side after our close_notify, so that a server counting
	 * its open connections has counted this one out before the address lets the next visit in.
	 */
	private static void awaitServerClose(Socket socket) {
		try {
			socket.shutdownOutput();
			socket.setSoTimeout(SERVER_CLOSE_WAIT_MILLIS);
			InputStream in = socket.getInputStream();
			byte[] discard = new byte[4096];
			long drained = 0;
			while (drained < SERVER_CLOSE_DRAIN_LIMIT) {
				int n = in.read(discard);
				if (n < 0) {
					return;
				}
				drained += n;
			}
		}
		catch (IOException ex) {
			// a server that does not close in time, or resets, is left to the socket's own close
		}
	}

	/** What the server sent, and what the handshake showed. */
	record Capture(List<X509Certificate> chain, Handshake handshake) {
	}

	/** The server answered, but not with TLS records. */
	static final class NotTlsException extends IOException {

		NotTlsException(IOException cause) {
			super("the server does not answer with TLS records: " + describe(cause), cause);
		}

	}

	/**
	 * The RSA second look offers what the clients that get a dual server's RSA certificate speak: TLS 1.2
	 * and older. It also costs less, since a TLS 1.2 ClientHello carries no key share to compute.
	 */
	@Override
	protected ProtocolVersion[] getSupportedVersions() {
		return this.rsaOnly ? ProtocolVersion.TLSv12.downTo(ProtocolVersion.TLSv10)
				: ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv10);
	}

	@Override
	protected int[] getSupportedCipherSuites() {
		int[] offered = this.rsaOnly ? Arrays.stream(OFFERED_SUITES).filter((suite) -> {
			String name = SUITE_NAMES.get(suite);
			// TLS 1.3 suites name no key type: the signature algorithms below say RSA
			return !name.contains("_WITH_") || name.contains("_RSA_WITH_") || name.startsWith("TLS_RSA_WITH_");
		}).toArray() : OFFERED_SUITES;
		return TlsUtils.getSupportedCipherSuites(getCrypto(), offered);
	}

	/** The defaults and SHA-1, which servers of the TLS 1.0 era still sign with. */
	@Override
	protected Vector getSupportedSignatureAlgorithms() {
		Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>(TlsUtils.getDefaultSupportedSignatureAlgorithms(this.context));
		for (short signature : new short[] { SignatureAlgorithm.rsa, SignatureAlgorithm.ecdsa, SignatureAlgorithm.dsa }) {
			SignatureAndHashAlgorithm sha1 = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha1, signature);
			if (!algorithms.contains(sha1)) {
				algorithms.add(sha1);
			}
		}
		if (this.rsaOnly) {
			algorithms.removeIf((algorithm) -> !RSA_SIGNATURES.contains(algorithm.getSignature()));
		}
		return algorithms;
	}

	/** The name as the inventory writes it, without a trailing dot (RFC 6066 section 3). */
	@Override
	protected Vector getSNIServerNames() {
		if (this.serverName == null) {
			return null;
		}
		String name = this.serverName.endsWith(".") ? this.serverName.substring(0, this.serverName.length() - 1)
				: this.serverName;
		Vector<ServerName> names = new Vector<>();
		names.add(new ServerName(NameType.host_name, name.getBytes(StandardCharsets.US_ASCII)));
		return names;
	}

	/** A stapled OCSP response costs no request to the CA and tells what the server's clients are told. */
	@Override
	protected CertificateStatusRequest getCertificateStatusRequest() {
		return new CertificateStatusRequest(CertificateStatusType.ocsp, new OCSPStatusRequest(null, null));
	}

	@Override
	public TlsDHGroupVerifier getDHGroupVerifier() {
		return new DefaultTlsDHGroupVerifier(SMALLEST_DH_PRIME_BITS) {
			@Override
			public boolean accept(DHGroup group) {
				CapturingTlsClient.this.dhPrimeBits = group.getP().bitLength();
				return group.getP().bitLength() >= getMinimumPrimeBits();
			}
		};
	}

	@Override
	public TlsKeyExchangeFactory getKeyExchangeFactory() {
		return new DefaultTlsKeyExchangeFactory() {
			@Override
			public TlsKeyExchange createECDHEKeyExchangeClient(int keyExchange) {
				return new TlsECDHEKeyExchange(keyExchange) {
					@Override
					public void processServerKeyExchange(InputStream input) throws IOException {
						super.processServerKeyExchange(input);
						CapturingTlsClient.this.ecdheGroup = this.ecConfig.getNamedGroup();
					}
				};
			}
		};
	}

	/**
	 * Room for a Certificate message far beyond any real chain (tens of kilobytes), bounded so that a
	 * hostile server costs at most this much memory per visit in flight.
	 */
	@Override
	public int getMaxHandshakeMessageSize() {
		return MAX_HANDSHAKE_MESSAGE_BYTES;
	}

	@Override
	public int getMaxCertificateChainLength() {
		return this.maxChainLength;
	}

	@Override
	public TlsAuthentication getAuthentication() {
		return new TlsAuthentication() {
			@Override
			public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
				CapturingTlsClient.this.chain = x509(serverCertificate.getCertificate().getCertificateList());
				CertificateStatus status = (serverCertificate.getCertificateStatus() != null)
						? serverCertificate.getCertificateStatus() : leafStatus(serverCertificate.getCertificate());
				if (status != null && status.getStatusType() == CertificateStatusType.ocsp) {
					CapturingTlsClient.this.stapledOcsp = status.getOCSPResponse().getEncoded();
				}
			}

			/** None: the chain is what the audit wants, and the server has shown it by now. */
			@Override
			public TlsCredentials getClientCredentials(CertificateRequest request) {
				CapturingTlsClient.this.clientCertificateRequested = true;
				return null;
			}
		};
	}

	/** TLS 1.3 staples the response in the leaf's entry of the Certificate message (RFC 8446 4.4.2.1). */
	private CertificateStatus leafStatus(Certificate certificate) throws IOException {
		CertificateEntry[] entries = certificate.getCertificateEntryList();
		if (entries.length == 0 || entries[0].getExtensions() == null) {
			return null;
		}
		byte[] data = TlsUtils.getExtensionData(entries[0].getExtensions(), ExtensionType.status_request);
		return (data != null) ? CertificateStatus.parse(this.context, new ByteArrayInputStream(data)) : null;
	}

	private Handshake handshake(String failure) {
		SecurityParameters parameters = (this.context.getSecurityParametersConnection() != null)
				? this.context.getSecurityParametersConnection() : this.context.getSecurityParametersHandshake();
		ProtocolVersion version = (parameters != null) ? parameters.getNegotiatedVersion() : null;
		return new Handshake((version != null) ? jdkName(version) : null,
				(parameters != null) ? SUITE_NAMES.get(parameters.getCipherSuite()) : null,
				(parameters != null) ? keyExchange(parameters) : null, this.serverName != null,
				this.clientCertificateRequested, failure, this.stapledOcsp);
	}

	private KeyExchange keyExchange(SecurityParameters parameters) {
		int algorithm = parameters.getKeyExchangeAlgorithm();
		int group = (parameters.getNegotiatedGroup() >= 0) ? parameters.getNegotiatedGroup() : this.ecdheGroup;
		if (algorithm == KeyExchangeAlgorithm.RSA) {
			int bits = (!this.chain.isEmpty() && this.chain.get(0).getPublicKey() instanceof RSAPublicKey rsa)
					? rsa.getModulus().bitLength() : 0;
			return new KeyExchange(KeyExchange.RSA, bits);
		}
		if (group >= 0 && NamedGroup.isValid(group)) {
			int bits = NamedGroup.getFiniteFieldBits(group);
			return new KeyExchange(NamedGroup.getName(group), (bits > 0) ? bits : NamedGroup.getCurveBits(group));
		}
		if (this.dhPrimeBits > 0) {
			return new KeyExchange(KeyExchange.CUSTOM_DH, this.dhPrimeBits);
		}
		return null;
	}

	/** The JDK's names, which the reports and the database have always used. */
	private static String jdkName(ProtocolVersion version) {
		return switch (version.getFullVersion()) {
			case 0x0301 -> "TLSv1";
			case 0x0302 -> "TLSv1.1";
			case 0x0303 -> "TLSv1.2";
			case 0x0304 -> "TLSv1.3";
			default -> version.getName();
		};
	}

	private static List<X509Certificate> x509(TlsCertificate[] certificates) throws IOException {
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			List<X509Certificate> chain = new ArrayList<>();
			for (TlsCertificate certificate : certificates) {
				chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(certificate.getEncoded())));
			}
			return Collections.unmodifiableList(chain);
		}
		catch (GeneralSecurityException ex) {
			throw new IOException("the server sent a certificate that cannot be parsed: " + ex.getMessage(), ex);
		}
	}

	/** {@code received fatal alert: handshake_failure}, as the JDK words it, or the failure's own message. */
	static String describe(IOException ex) {
		if (ex instanceof TlsFatalAlertReceived received) {
			return "Received fatal alert: " + AlertDescription.getName(received.getAlertDescription());
		}
		if (ex instanceof TlsFatalAlert raised) {
			String alert = AlertDescription.getName(raised.getAlertDescription());
			Throwable cause = raised.getCause();
			return alert + ((cause != null && cause.getMessage() != null) ? ": " + cause.getMessage() : "");
		}
		String message = ex.getMessage();
		return (message == null || message.isBlank()) ? ex.getClass().getSimpleName() : message;
	}

	/** Every suite Bouncy Castle knows, by its IANA name. */
	private static Map<Integer, String> suiteNames() {
		Map<Integer, String> names = new HashMap<>();
		for (Field field : CipherSuite.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
				try {
					names.putIfAbsent(field.getInt(null), field.getName());
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return Map.copyOf(names);
	}

	/** The JDK's algorithms where it has them, else Bouncy Castle's. */
	private static final class JdkFirstHelper extends DefaultJcaJceHelper {

		private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

		@Override
		public Signature createSignature(String algorithm) throws NoSuchAlgorithmException {
			try {
				return super.createSignature(algorithm);
			}
			catch (NoSuchAlgorithmException ex) {
				return Signature.getInstance(algorithm, BOUNCY_CASTLE);
			}
		}

	}

	/**
	 * Notes whether the first bytes the server sent look like a TLS record (content type 20 to 23,
	 * version 3.x), so a service that answers with its own protocol is told from a failed handshake.
	 */
	private static final class RecordSniffer extends InputStream {

		private final InputStream in;

		private final byte[] first = new byte[2];

		private int seen;

		RecordSniffer(InputStream in) {
			this.in = in;
		}

		boolean spokeTls() {
			return this.seen == 0 || (this.first[0] >= 20 && this.first[0] <= 23 && (this.seen < 2 || this.first[1] == 3));
		}

		@Override
		public int read() throws IOException {
			int b = this.in.read();
			if (b >= 0) {
				note(new byte[] { (byte) b }, 0, 1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.in.read(buffer, offset, length);
			if (n > 0) {
				note(buffer, offset, n);
			}
			return n;
		}

		private void note(byte[] buffer, int offset, int n) {
			for (int i = 0; i < n && this.seen < this.first.length; i++) {
				this.first[this.seen++] = buffer[offset + i];
			}
		}

		@Override
		public int available() throws IOException {
			return this.in.available();
		}

	
	}

}
