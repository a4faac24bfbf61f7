package dev.certaudit.demo;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

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

	/** The demo organisation's zone, served by the estate's DNS server. */
	public static final Path ZONE_FILE = Path.of("jobs", "demo.cert-audit.test.zone");

	private static final String ZONE = "demo.cert-audit.test.";

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

	/** Starts every endpoint but the closed one and writes the demo CA certificate to {@code caFile}. */
	public static DemoEstate start(Path caFile) throws IOException {
		IssuedCertificate root = CertificateGenerator.root("CN=cert-audit Demo Root CA,O=cert-audit demo");
		IssuedCertificate intermediate = CertificateGenerator
			.intermediate("CN=cert-audit Demo Issuing CA,O=cert-audit demo", root);
		Files.createDirectories(caFile.toAbsolutePath().getParent());
		Files.writeString(caFile, Pem.encode(root.certificate()));
		List<AutoCloseable> servers = new ArrayList<>();
		try {
			for (Endpoint endpoint : ENDPOINTS) {
				String name = endpoint.name();
				X509Certificate issuing = intermediate.certificate();
				switch (endpoint.situation()) {
					case VALID -> servers.add(serve(endpoint, server(name, intermediate, 200), issuing));
					case EXPIRES_IN_5_DAYS -> servers.add(serve(endpoint, server(name, intermediate, 5), issuing));
					case EXPIRES_IN_20_DAYS -> servers.add(serve(endpoint, server(name, intermediate, 20), issuing));
					case EXPIRED -> servers.add(serve(endpoint, server(name, intermediate, -12), issuing));
					case SELF_SIGNED -> servers
						.add(serve(endpoint, CertificateGenerator.certificate("CN=" + name).dnsNames(name).build()));
					case MISSING_INTERMEDIATE -> servers.add(serve(endpoint, server(name, intermediate, 300)));
					case WRONG_NAME -> servers
						.add(serve(endpoint, server("gateway.demo.cert-audit.test", intermediate, 150), issuing));
					case CLOSED_PORT -> {
						// left closed on purpose: the audit must report it as a row, not lose it
					}
				}
			}
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
			throw new IOException("Demo port " + address.getHostAddress() + ":" + port
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
