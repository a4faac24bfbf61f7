package dev.certaudit.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;

import dev.certaudit.PrivateFiles;
import dev.certaudit.analysis.Certificates;
import dev.certaudit.inventory.IpLiterals;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.probe.Pem;

import static dev.certaudit.demo.CertificateGenerator.server;

/**
 * The small estate {@code cert-audit demo} audits: loopback TLS endpoints on the fixed ports that
 * {@code jobs/sample-hosts.txt} names, each showing one situation an operator meets; and, for
 * discovery, a DNS server for the zone {@code jobs/demo.cert-audit.test.zone} with the services its
 * names offer on the ports {@code jobs/demo-prefixes.txt} gives (a name on IPv4 and IPv6, a name with
 * two backends serving different certificates, SMTP with STARTTLS, an alias). Everything is issued by
 * a demo CA written to a file, so the audit can trust it like a private CA.
 */
public final class DemoEstate implements AutoCloseable {

	/** What one demo endpoint shows. */
	public enum Situation {

		VALID, EXPIRES_IN_5_DAYS, EXPIRES_IN_20_DAYS, EXPIRED, SELF_SIGNED, MISSING_INTERMEDIATE, WRONG_NAME, CLOSED_PORT

	}

	/** One endpoint of the estate: the name in the sample inventory, its port and what it shows. */
	public record Endpoint(String name, int port, Situation situation) {
	}

	public static final List<Endpoint> ENDPOINTS = List.of(
			new Endpoint("www.demo.cert-audit.test", 18441, Situation.VALID),
			new Endpoint("mail.demo.cert-audit.test", 18442, Situation.EXPIRES_IN_5_DAYS),
			new Endpoint("webmail.demo.cert-audit.test", 18443, Situation.EXPIRES_IN_20_DAYS),
			new Endpoint("vpn.demo.cert-audit.test", 18444, Situation.EXPIRED),
			new Endpoint("intranet.demo.cert-audit.test", 18445, Situation.SELF_SIGNED),
			new Endpoint("shop.demo.cert-audit.test", 18446, Situation.MISSING_INTERMEDIATE),
			new Endpoint("remote.demo.cert-audit.test", 18447, Situation.WRONG_NAME),
			new Endpoint("legacy.demo.cert-audit.test", 18448, Situation.CLOSED_PORT));

	/** Whose estate the demo reports are about. */
	public static final String ORGANISATION = "Demo Corp";

	/**
	 * A Certificate Transparency export, as crt.sh gives it, of what the demo CA issued: the host list's
	 * certificates, one issued but never installed, and one for a host nobody listed.
	 */
	public static final String CT_EXPORT = "ct-export.json";

	/** Renewals delivered for the demo's certificates, written beside the CA file, for {@code check-delivery}. */
	public static final List<String> DELIVERIES = List.of(DemoDeliveries.MAIL, DemoDeliveries.WEBMAIL);

	/** The demo organisation's zone, served by the estate's DNS server. */
	public static final Path ZONE_FILE = Path.of("jobs", "demo.cert-audit.test.zone");

	private static final String ZONE = "demo.cert-audit.test.";

	private static final DateTimeFormatter CT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final List<AutoCloseable> servers;

	private final LoopbackDnsServer dns;

	private DemoEstate(List<AutoCloseable> servers, LoopbackDnsServer dns) {
		this.servers = servers;
		this.dns = dns;
	}

	/** {@code address:port} of the estate's DNS server, for {@code cert-audit.dns.servers}. */
	public String dnsServer() {
		return "127.0.0.1:" + this.dns.port();
	}

	/**
	 * Starts every endpoint but the closed one, an HTTP server for the issuing CA's AIA caIssuers URL,
	 * writes the demo CA certificate to {@code caFile} and, beside it, {@link #CT_EXPORT} and the renewal
	 * deliveries to check ({@link #DELIVERIES}).
	 */
	public static DemoEstate start(Path caFile) throws IOException {
		IssuedCertificate root = CertificateGenerator.root("CN=cert-audit Demo Root CA,O=cert-audit demo");
		IssuedCertificate intermediate = CertificateGenerator
			.intermediate("CN=cert-audit Demo Issuing CA,O=cert-audit demo", root);
		// usually ./data/demo, made before the database makes ./data
		PrivateFiles.createFolders(caFile.toAbsolutePath().getParent());
		Files.writeString(caFile, Pem.encode(root.certificate()));
		List<AutoCloseable> servers = new ArrayList<>();
		List<X509Certificate> issued = new ArrayList<>();
		try {
			String caIssuersUrl = startCaIssuersServer(servers, intermediate.certificate());
			for (Endpoint endpoint : ENDPOINTS) {
				String name = endpoint.name();
				X509Certificate issuing = intermediate.certificate();
				IssuedCertificate leaf = switch (endpoint.situation()) {
					case VALID -> server(name, intermediate, 200);
					case EXPIRES_IN_5_DAYS -> server(name, intermediate, 5);
					case EXPIRES_IN_20_DAYS -> server(name, intermediate, 20);
					case EXPIRED -> server(name, intermediate, -12);
					case SELF_SIGNED -> CertificateGenerator.certificate("CN=" + name).dnsNames(name).build();
					// browsers that follow the AIA URL repair this chain; Java, mail and API clients do not
					case MISSING_INTERMEDIATE -> CertificateGenerator.certificate("CN=" + name)
						.issuedBy(intermediate)
						.dnsNames(name)
						.caIssuersUrl(caIssuersUrl)
						.validFrom(Instant.now().minus(Duration.ofDays(97)))
						.validUntil(Instant.now().plus(Duration.ofDays(300)).plus(Duration.ofHours(1)))
						.build();
					case WRONG_NAME -> server("gateway.demo.cert-audit.test", intermediate, 150);
					// left closed on purpose: the audit must report it as a row, not lose it
					case CLOSED_PORT -> null;
				};
				if (leaf == null) {
					continue;
				}
				boolean selfSigned = endpoint.situation() == Situation.SELF_SIGNED;
				boolean sendsIssuer = !selfSigned && endpoint.situation() != Situation.MISSING_INTERMEDIATE;
				servers.add(sendsIssuer ? serve(endpoint, leaf, issuing) : serve(endpoint, leaf));
				if (!selfSigned) {
					issued.add(leaf.certificate());
				}
			}
			writeCtExport(caFile.resolveSibling(CT_EXPORT), issued, intermediate);
			DemoDeliveries.write(caFile.toAbsolutePath().getParent(), intermediate, caIssuersUrl);
			startDiscoveryServices(servers, intermediate);
			LoopbackDnsServer dns = LoopbackDnsServer.start(0, ZONE_FILE, ZONE);
			servers.add(dns);
			return new DemoEstate(servers, dns);
		}
		catch (IOException | RuntimeException ex) {
			closeAll(servers);
			throw ex;
		}
	}

	/** Serves the issuing CA's certificate (DER) on loopback; returns its URL. */
	private static String startCaIssuersServer(List<AutoCloseable> servers, X509Certificate issuing)
			throws IOException {
		byte[] der;
		try {
			der = issuing.getEncoded();
		}
		catch (CertificateEncodingException ex) {
			throw new IOException("Cannot encode the demo issuing CA", ex);
		}
		HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		http.createContext("/demo-issuing-ca.crt", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/pkix-cert");
			exchange.sendResponseHeaders(200, der.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(der);
			}
		});
		http.start();
		servers.add(() -> http.stop(0));
		return "http://127.0.0.1:" + http.getAddress().getPort() + "/demo-issuing-ca.crt";
	}

	private static void writeCtExport(Path file, List<X509Certificate> issued, IssuedCertificate issuer)
			throws IOException {
		List<X509Certificate> entries = new ArrayList<>(issued);
		// issued and paid for, but never installed anywhere
		entries.add(server("billing.demo.cert-audit.test", issuer, 350).certificate());
		// the forgotten host: in CT, in no inventory
		entries.add(server("legacy-vpn.demo.cert-audit.test", issuer, 120).certificate());
		StringBuilder json = new StringBuilder("[\n");
		for (int i = 0; i < entries.size(); i++) {
			X509Certificate certificate = entries.get(i);
			json.append("  {\"id\": ").append(i + 1)
				.append(", \"issuer_name\": \"").append(certificate.getIssuerX500Principal().getName())
				.append("\", \"common_name\": \"").append(Certificates.dnsNames(certificate).getFirst())
				.append("\", \"name_value\": \"").append(String.join("\\n", Certificates.dnsNames(certificate)))
				.append("\", \"not_before\": \"").append(CT_TIME.format(certificate.getNotBefore().toInstant()))
				.append("\", \"not_after\": \"").append(CT_TIME.format(certificate.getNotAfter().toInstant()))
				.append("\", \"serial_number\": \"").append(certificate.getSerialNumber().toString(16))
				.append("\"}").append((i + 1 < entries.size()) ? ",\n" : "\n");
		}
		Files.writeString(file, json.append("]\n"));
	}

	/** The services behind the zone's names, on the ports of jobs/demo-prefixes.txt. */
	private static void startDiscoveryServices(List<AutoCloseable> servers, IssuedCertificate issuer)
			throws IOException {
		X509Certificate issuing = issuer.certificate();
		InetAddress ipv4 = InetAddress.getLoopbackAddress();
		IssuedCertificate portal = server("portal.demo.cert-audit.test", issuer, 240);
		servers.add(bind(ipv4, 18461, portal, issuing));
		servers.add(bind(InetAddress.getByName("::1"), 18461, portal, issuing));
		servers.add(bind(ipv4, 18462, server("app.demo.cert-audit.test", issuer, 330), issuing));
		servers.add(bind(InetAddress.getByName("127.0.0.2"), 18462, server("app.demo.cert-audit.test", issuer, 3),
				issuing));
		IssuedCertificate mail = server("mail.demo.cert-audit.test", issuer, 90);
		servers.add(LoopbackStartTlsServer.start(18463, Protocol.SMTP, mail, issuing));
		servers.add(bind(ipv4, 18464, mail, issuing));
		servers.add(bind(ipv4, 18465, CertificateGenerator.certificate("CN=status.demo.cert-audit.test")
			.issuedBy(issuer)
			.dnsNames("status.demo.cert-audit.test", "status-origin.demo.cert-audit.test")
			.build(), issuing));
	}

	private static LoopbackTlsServer bind(InetAddress address, int port, IssuedCertificate leaf,
			X509Certificate issuing) throws IOException {
		try {
			return LoopbackTlsServer.start(address, port, leaf, issuing);
		}
		catch (BindException ex) {
			throw new IOException("Demo port " + IpLiterals.withPort(address, port)
					+ " is already in use; stop whatever holds it and run the demo again", ex);
		}
	}

	private static void closeAll(List<AutoCloseable> servers) {
		for (AutoCloseable server : servers) {
			try {
				server.close();
			}
			catch (Exception ex) {
				// closing the demo: nothing more to do for a server that would not stop
			}
		}
	}

	private static LoopbackTlsServer serve(Endpoint endpoint, IssuedCertificate leaf, X509Certificate... chain)
			throws IOException {
		try {
			return LoopbackTlsServer.start(endpoint.port(), leaf, chain);
		}
		catch (BindException ex) {
			throw new IOException("Demo port 127.0.0.1:" + endpoint.port() + " (" + endpoint.name()
					+ ") is already in use; stop whatever holds it and run the demo again", ex);
		}
	}

	@Override
	public void close() {
		closeAll(this.servers);
	}

}
