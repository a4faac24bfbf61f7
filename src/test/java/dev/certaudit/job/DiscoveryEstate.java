package dev.certaudit.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.DnsRecords;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.demo.LoopbackDnsServer;
import dev.certaudit.demo.LoopbackStartTlsServer;
import dev.certaudit.demo.LoopbackTlsServer;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.probe.Pem;

/**
 * A small organisation on loopback for discovery: a DNS server for {@code example.test} (from a zone
 * file) and {@code saas.test}, web servers behind one and two addresses (IPv4 and IPv6), a name that is
 * a CNAME into the other zone, mail, FTP and LDAP services speaking STARTTLS, a relay that refuses it,
 * an intranet server whose name only the hosts file knows, a branch office's server whose DNS refuses
 * AAAA queries, and a prefix list that points each prefix at the ephemeral port of its service.
 */
final class DiscoveryEstate implements AutoCloseable {

	static final String DOMAIN = "example.test";

	private final List<AutoCloseable> servers = new ArrayList<>();

	final Path directory;

	final Path caFile;

	final Path zoneFile;

	final Path prefixFile;

	final LoopbackDnsServer dns;

	final LoopbackTlsServer portal;

	/** Known only to {@link #hostsFile}, as operators list internal names. */
	final LoopbackTlsServer intranet;

	final Path hostsFile;

	/** Its name has an IPv4 and an IPv6 address in {@code branch.test}, whose server refuses AAAA queries. */
	final LoopbackTlsServer legacy;

	final int appPort;

	private DiscoveryEstate(Path directory) throws IOException {
		this.directory = directory;
		IssuedCertificate root = CertificateGenerator.root("CN=Discovery Root CA");
		IssuedCertificate issuing = CertificateGenerator.intermediate("CN=Discovery Issuing CA", root);
		X509Certificate intermediate = issuing.certificate();
		this.caFile = directory.resolve("discovery-root.pem");
		Files.writeString(this.caFile, Pem.encode(root.certificate()));

		IssuedCertificate portalCertificate = CertificateGenerator.server("portal.example.test", issuing, 200);
		this.portal = keep(LoopbackTlsServer.start(0, portalCertificate, intermediate));
		keep(LoopbackTlsServer.start(InetAddress.getByName("::1"), this.portal.port(), portalCertificate, intermediate));

		LoopbackTlsServer appNew = keep(
				LoopbackTlsServer.start(0, CertificateGenerator.server("app.example.test", issuing, 300), intermediate));
		this.appPort = appNew.port();
		// the second backend still serves last year's certificate, about to expire
		keep(LoopbackTlsServer.start(InetAddress.getByName("127.0.0.2"), this.appPort,
				CertificateGenerator.server("app.example.test", issuing, 3), intermediate));

		LoopbackTlsServer shop = keep(
				LoopbackTlsServer.start(0, CertificateGenerator.server("shop.example.test", issuing, 150), intermediate));
		IssuedCertificate mail = CertificateGenerator.server("mail.example.test", issuing, 100);
		LoopbackStartTlsServer smtp = keep(LoopbackStartTlsServer.start(0, Protocol.SMTP, mail, intermediate));
		LoopbackStartTlsServer imap = keep(LoopbackStartTlsServer.start(0, Protocol.IMAP, mail, intermediate));
		LoopbackStartTlsServer pop3 = keep(LoopbackStartTlsServer.start(0, Protocol.POP3, mail, intermediate));
		LoopbackStartTlsServer ftp = keep(LoopbackStartTlsServer.start(0, Protocol.FTP,
				CertificateGenerator.server("files.example.test", issuing, 100), intermediate));
		LoopbackStartTlsServer ldap = keep(LoopbackStartTlsServer.start(0, Protocol.LDAP,
				CertificateGenerator.server("dc1.example.test", issuing, 100), intermediate));
		LoopbackStartTlsServer relay = keep(LoopbackStartTlsServer.refusingStartTls(0, Protocol.SMTP));

		this.intranet = keep(LoopbackTlsServer.start(0,
				CertificateGenerator.server("intranet.example.test", issuing, 100), intermediate));
		this.hostsFile = directory.resolve("hosts");
		Files.writeString(this.hostsFile, """
				127.0.0.1   localhost
				::1         localhost ip6-localhost ip6-loopback
				# internal names DNS does not know
				127.0.0.1   intranet.example.test intranet
				""");

		this.zoneFile = directory.resolve("example.test.zone");
		Files.writeString(this.zoneFile, """
				$ORIGIN example.test.
				$TTL 300
				@       IN SOA ns.example.test. hostmaster.example.test. ( 1 3600 600 86400 300 )
				@       IN NS  ns.example.test.
				@       IN TXT "the apex has no address"
				portal  IN A    127.0.0.1
				portal  IN AAAA ::1
				app     IN A    127.0.0.1
				app     IN A    127.0.0.2
				shop    IN CNAME shops.saas.test.
				mail    IN A    127.0.0.1
				files   IN A    127.0.0.1
				dc1     IN A    127.0.0.1
				relay   IN A    127.0.0.1
				*.cdn   IN A    127.0.0.1
				""");
		Zone saas = LoopbackDnsServer.zone("saas.test", List.of(DnsRecords.a("shops.saas.test", "127.0.0.1")));
		this.legacy = keep(LoopbackTlsServer.start(0,
				CertificateGenerator.server("legacy.branch.test", issuing, 100), intermediate));
		Zone branch = LoopbackDnsServer.zone("branch.test",
				List.of(DnsRecords.a("legacy.branch.test", "127.0.0.1"), DnsRecords.aaaa("legacy.branch.test", "::1")));
		this.dns = keep(LoopbackDnsServer.start(0,
				List.of(new Zone(Name.fromString("example.test."), this.zoneFile.toString()), saas, branch)));
		this.dns.failQueries("legacy.branch.test", Type.AAAA, Rcode.REFUSED);

		this.prefixFile = directory.resolve("prefixes.txt");
		Files.writeString(this.prefixFile, String.join("\n", "# every service of the estate on its test port",
				"@ https:" + unusedPort(), "portal https:" + this.portal.port(), "app https:" + this.appPort,
				"shop https:" + shop.port(), "mail smtp:" + smtp.port() + " imap:" + imap.port() + " pop3:" + pop3.port(),
				"files ftp:" + ftp.port(), "dc1 ldap:" + ldap.port(), "relay smtp:" + relay.port(),
				"vpn https:" + unusedPort(), ""));
	}

	static DiscoveryEstate start() {
		try {
			return new DiscoveryEstate(Files.createTempDirectory("cert-audit-discovery"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path write(String name, String content) throws IOException {
		Path file = this.directory.resolve(name);
		Files.writeString(file, content);
		return file;
	}

	private <T extends AutoCloseable> T keep(T server) {
		this.servers.add(server);
		return server;
	}

	private static int unusedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() throws Exception {
		for (AutoCloseable server : this.servers) {
			server.close();
		}
	}

}
