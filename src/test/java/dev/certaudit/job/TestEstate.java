package dev.certaudit.job;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.certaudit.analysis.Status;
import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.probe.Pem;

/**
 * Loopback endpoints on ephemeral ports, one for every case the audit must tell apart, with the
 * status and rule ids each must get, and an inventory file naming them all.
 */
final class TestEstate implements AutoCloseable {

	/** One endpoint and what the audit must conclude about it. */
	record Case(String host, int port, Status status, Set<String> ruleIds) {
	}

	private final List<AutoCloseable> servers = new ArrayList<>();

	private final Map<String, Case> cases = new LinkedHashMap<>();

	private final Path directory;

	private final Path caFile;

	private TestEstate(Path directory) {
		this.directory = directory;
		this.caFile = directory.resolve("test-root-ca.pem");
	}

	static TestEstate start() {
		try {
			TestEstate estate = new TestEstate(Files.createTempDirectory("cert-audit-estate"));
			estate.startServers();
			return estate;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void startServers() throws IOException {
		IssuedCertificate root = CertificateGenerator.root("CN=Test Root CA");
		IssuedCertificate intermediate = CertificateGenerator.intermediate("CN=Test Issuing CA", root);
		Files.writeString(this.caFile, Pem.encode(root.certificate()));
		IssuedCertificate strangerRoot = CertificateGenerator.root("CN=Stranger Root CA");

		tls("valid.test", CertificateGenerator.server("valid.test", intermediate, 200), Status.OK, Set.of(), intermediate);
		tls("expiring.test", CertificateGenerator.server("expiring.test", intermediate, 5), Status.CRITICAL,
				Set.of("CRIT_CERT_EXPIRING"), intermediate);
		tls("renew-soon.test", CertificateGenerator.server("renew-soon.test", intermediate, 20), Status.WARNING,
				Set.of("WARN_CERT_EXPIRING"), intermediate);
		tls("expired.test", CertificateGenerator.server("expired.test", intermediate, -3), Status.EXPIRED,
				Set.of("CRIT_CERT_EXPIRED"), intermediate);
		tls("self-signed.test", CertificateGenerator.certificate("CN=self-signed.test").dnsNames("self-signed.test").build(),
				Status.CRITICAL, Set.of("CRIT_CERT_SELF_SIGNED"));
		tls("no-intermediate.test", CertificateGenerator.server("no-intermediate.test", intermediate, 200), Status.CRITICAL,
				Set.of("CRIT_CHAIN_MISSING_INTERMEDIATE"));
		tls("wrong-name.test", CertificateGenerator.server("other-name.test", intermediate, 200), Status.CRITICAL,
				Set.of("CRIT_HOSTNAME_MISMATCH"), intermediate);
		IssuedCertificate strangerLeaf = CertificateGenerator.certificate("CN=stranger.test")
			.issuedBy(strangerRoot)
			.dnsNames("stranger.test")
			.build();
		tls("stranger.test", strangerLeaf, Status.CRITICAL, Set.of("CRIT_CHAIN_UNTRUSTED", "INFO_CHAIN_ROOT_SENT"),
				strangerRoot);

		// bound but never listening: connections are refused, and for as long as the estate lives no server
		// of another test can be given this port, as it could be a port merely closed again
		Socket closed = new Socket();
		closed.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.servers.add(closed);
		add(new Case("closed.test", closed.getLocalPort(), Status.ERROR, Set.of("ERROR_ENDPOINT_UNREACHABLE")));
		add(new Case("plain-http.test", plainServer(true), Status.ERROR, Set.of("CRIT_TLS_HANDSHAKE_FAILED")));
		add(new Case("black-hole.test", plainServer(false), Status.ERROR, Set.of("ERROR_ENDPOINT_UNREACHABLE")));
	}

	private void tls(String host, IssuedCertificate leaf, Status status, Set<String> ruleIds, IssuedCertificate... rest)
			throws IOException {
		LoopbackTlsServer server = LoopbackTlsServer.start(0, leaf,
				Arrays.stream(rest).map(IssuedCertificate::certificate).toArray(X509Certificate[]::new));
		this.servers.add(server);
		add(new Case(host, server.port(), status, ruleIds));
	}

	/** A TCP server that answers like a web server, or that accepts and then never says anything. */
	private int plainServer(boolean answerHttp) throws IOException {
		ServerSocket server = new ServerSocket();
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		this.servers.add(server);
		List<Socket> held = new ArrayList<>();
		Thread.ofVirtual().start(() -> {
			while (!server.isClosed()) {
				try {
					Socket socket = server.accept();
					if (answerHttp) {
						try (socket; OutputStream out = socket.getOutputStream()) {
							out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
						}
					}
					else {
						held.add(socket);
					}
				}
				catch (IOException ex) {
					return;
				}
			}
		});
		return server.getLocalPort();
	}

	private void add(Case endpoint) {
		this.cases.put(endpoint.host(), endpoint);
	}

	Map<String, Case> cases() {
		return this.cases;
	}

	Path caFile() {
		return this.caFile;
	}

	/** An inventory of every case, each pinned to 127.0.0.1, with an owner label. */
	Path writeInventory(String name) throws IOException {
		StringBuilder text = new StringBuilder("# generated by TestEstate\n\n");
		for (Case endpoint : this.cases.values()) {
			text.append(endpoint.host()).append(':').append(endpoint.port()).append(" address=127.0.0.1 owner=team-")
				.append(endpoint.host().replace(".test", ""))
				.append('\n');
		}
		Path file = this.directory.resolve(name);
		Files.writeString(file, text);
		return file;
	}

	Path directory() {
		return this.directory;
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable server : this.servers) {
			server.close();
		}
	}

}
