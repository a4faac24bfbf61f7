package dev.certaudit.demo;

import static dev.certaudit.demo.DnsRecords.a;
import static dev.certaudit.demo.DnsRecords.aaaa;
import static dev.certaudit.demo.DnsRecords.cname;
import static dev.certaudit.demo.DnsRecords.name;
import static dev.certaudit.demo.DnsRecords.txt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** Speaks raw DNS to the server to check the answers an authoritative server owes its clients. */
class LoopbackDnsServerTest {

	private static final int MANY = 100;

	private static LoopbackDnsServer server;

	@BeforeAll
	static void startServer() throws IOException {
		List<Record> records = new ArrayList<>(List.of(a("web.example.test", "192.0.2.20"),
				cname("www.example.test", "web.example.test"), cname("shop.example.test", "shops.saas.test"),
				cname("stale.example.test", "gone.example.test"),
				txt("spf.example.test", "v=spf1 -all")));
		for (int i = 0; i < MANY; i++) {
			records.add(a("many.example.test", "198.51.100." + i));
		}
		server = LoopbackDnsServer.start(0, LoopbackDnsServer.zone("example.test", records));
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void answersAreAuthoritativeAndEchoTheIdAndQuestion() throws IOException {
		Message query = query("web.example.test", Type.A);

		Message answer = udpResolver().send(query);

		assertThat(answer.getHeader().getID()).isEqualTo(query.getHeader().getID());
		assertThat(answer.getQuestion()).isEqualTo(query.getQuestion());
		assertThat(answer.getHeader().getFlag(Flags.QR)).isTrue();
		assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
		assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
		assertThat(answer.getSection(Section.ANSWER)).containsExactly(a("web.example.test", "192.0.2.20"));
	}

	@Test
	void cnameIsChasedWithinTheZoneCnameFirst() throws IOException {
		Message answer = udpResolver().send(query("www.example.test", Type.A));

		assertThat(answer.getSection(Section.ANSWER)).containsExactly(cname("www.example.test", "web.example.test"),
				a("web.example.test", "192.0.2.20"));
	}

	@Test
	void cnameIntoAnotherZoneIsLeftForTheResolver() throws IOException {
		Message answer = udpResolver().send(query("shop.example.test", Type.A));

		assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
		assertThat(answer.getSection(Section.ANSWER)).containsExactly(cname("shop.example.test", "shops.saas.test"));
	}

	@Test
	void cnameAskedForItselfIsNotChased() throws IOException {
		Message answer = udpResolver().send(query("www.example.test", Type.CNAME));

		assertThat(answer.getSection(Section.ANSWER)).containsExactly(cname("www.example.test", "web.example.test"));
	}

	@Test
	void missingNameIsNxdomainWithTheZonesSoa() throws IOException {
		Message answer = udpResolver().send(query("nowhere.example.test", Type.A));

		assertThat(answer.getRcode()).isEqualTo(Rcode.NXDOMAIN);
		assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
		assertThat(answer.getSection(Section.ANSWER)).isEmpty();
		assertThat(answer.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
	}

	@Test
	void cnameToAMissingNameIsNxdomainAfterTheCname() throws IOException {
		Message answer = udpResolver().send(query("stale.example.test", Type.A));

		assertThat(answer.getRcode()).isEqualTo(Rcode.NXDOMAIN);
		assertThat(answer.getSection(Section.ANSWER)).containsExactly(cname("stale.example.test", "gone.example.test"));
	}

	@Test
	void missingTypeIsAnEmptyNoerrorWithTheZonesSoa() throws IOException {
		Message answer = udpResolver().send(query("spf.example.test", Type.A));

		assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
		assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
		assertThat(answer.getSection(Section.ANSWER)).isEmpty();
		assertThat(answer.getSection(Section.AUTHORITY)).extracting(Record::getType).containsExactly(Type.SOA);
	}

	@Test
	void nameOutsideTheServedZonesIsRefused() throws IOException {
		Message query = query("www.elsewhere.test", Type.A);

		Message answer = udpResolver().send(query);

		assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
		assertThat(answer.getHeader().getID()).isEqualTo(query.getHeader().getID());
		assertThat(answer.getQuestion()).isEqualTo(query.getQuestion());
		assertThat(answer.getHeader().getFlag(Flags.AA)).isFalse();
		assertThat(answer.getSection(Section.ANSWER)).isEmpty();
	}

	@Test
	void typeToldToFailIsAnsweredWithItsCodeAloneWhileOtherTypesAreAnswered() throws IOException {
		try (LoopbackDnsServer appliance = LoopbackDnsServer.start(0, LoopbackDnsServer.zone("example.test",
				List.of(a("legacy.example.test", "192.0.2.30"), aaaa("legacy.example.test", "2001:db8::30"))))) {
			appliance.failQueries("legacy.example.test", Type.AAAA, Rcode.REFUSED);
			SimpleResolver resolver = new SimpleResolver(appliance.address());
			resolver.setTimeout(Duration.ofSeconds(2));

			Message ipv6 = resolver.send(query("LEGACY.example.test", Type.AAAA));
			Message ipv4 = resolver.send(query("legacy.example.test", Type.A));

			assertThat(ipv6.getRcode()).isEqualTo(Rcode.REFUSED);
			assertThat(ipv6.getSection(Section.ANSWER)).isEmpty();
			assertThat(ipv4.getRcode()).isEqualTo(Rcode.NOERROR);
			assertThat(ipv4.getSection(Section.ANSWER)).containsExactly(a("legacy.example.test", "192.0.2.30"));
		}
	}

	@Test
	void typeToldToBeIgnoredIsNeverAnswered() throws IOException {
		try (LoopbackDnsServer appliance = LoopbackDnsServer.start(0, LoopbackDnsServer.zone("example.test",
				List.of(a("legacy.example.test", "192.0.2.30"))))) {
			appliance.ignoreQueries("legacy.example.test", Type.AAAA);
			SimpleResolver resolver = new SimpleResolver(appliance.address());
			resolver.setTimeout(Duration.ofMillis(300));

			assertThatThrownBy(() -> resolver.send(query("legacy.example.test", Type.AAAA)))
				.isInstanceOf(IOException.class)
				.hasMessageStartingWith("Timed out");
			assertThat(resolver.send(query("legacy.example.test", Type.A)).getSection(Section.ANSWER))
				.containsExactly(a("legacy.example.test", "192.0.2.30"));
		}
	}

	@Test
	void answerTooLargeForUdpIsTruncatedThereAndWholeOverTcp() throws IOException {
		SimpleResolver udp = udpResolver();
		udp.setIgnoreTruncation(true);
		SimpleResolver tcp = udpResolver();
		tcp.setTCP(true);

		Message overUdp = udp.send(query("many.example.test", Type.A));
		Message overTcp = tcp.send(query("many.example.test", Type.A));

		assertThat(overUdp.getHeader().getFlag(Flags.TC)).isTrue();
		assertThat(overTcp.getHeader().getFlag(Flags.TC)).isFalse();
		assertThat(overTcp.getSection(Section.ANSWER)).hasSize(MANY)
			.startsWith(a("many.example.test", "198.51.100.0"))
			.endsWith(a("many.example.test", "198.51.100." + (MANY - 1)));
	}

	@Test
	void servesAZoneFile(@TempDir Path directory) throws IOException {
		Path zoneFile = directory.resolve("example.org.zone");
		Files.writeString(zoneFile, """
				$TTL 300
				@       IN SOA ns hostmaster 1 3600 600 86400 300
				@       IN NS  ns
				portal  IN A   192.0.2.80
				""");

		try (LoopbackDnsServer fromFile = LoopbackDnsServer.start(0, zoneFile, "example.org")) {
			SimpleResolver resolver = new SimpleResolver(fromFile.address());
			resolver.setTimeout(Duration.ofSeconds(2));

			Message answer = resolver.send(query("portal.example.org", Type.A));

			assertThat(answer.getSection(Section.ANSWER)).containsExactly(a("portal.example.org", "192.0.2.80"));
		}
	}

	@Test
	void closeReleasesThePortAtOnce() throws IOException {
		LoopbackDnsServer closing = LoopbackDnsServer.start(0, LoopbackDnsServer.zone("example.test", List.of()));
		int port = closing.port();
		long started = System.nanoTime();

		closing.close();

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		try (DatagramChannel rebound = DatagramChannel.open()) {
			rebound.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		}
	}

	private static SimpleResolver udpResolver() {
		SimpleResolver resolver = new SimpleResolver(server.address());
		resolver.setTimeout(Duration.ofSeconds(2));
		return resolver;
	}

	private static Message query(String name, int type) {
		return Message.newQuery(Record.newRecord(name(name), type, DClass.IN));
	}

}
