package dev.certaudit.discovery;

import static dev.certaudit.demo.DnsRecords.a;
import static dev.certaudit.demo.DnsRecords.aaaa;
import static dev.certaudit.demo.DnsRecords.cname;
import static dev.certaudit.demo.DnsRecords.mx;
import static dev.certaudit.demo.DnsRecords.txt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import dev.certaudit.demo.LoopbackDnsServer;
import dev.certaudit.discovery.NameResolution.Outcome;
import dev.certaudit.discovery.NameResolution.Source;

/**
 * Resolves against an authoritative server on loopback serving {@code example.test} and {@code saas.test},
 * and hosts files written for the test; no test ever asks the system's resolver or reads its hosts file.
 */
class NameResolverTest {

	private static final Duration TIMEOUT = Duration.ofMillis(300);

	private static final int MANY = 100;

	private static LoopbackDnsServer server;

	private NameResolver resolver;

	@BeforeAll
	static void startServer() throws IOException {
		List<Record> example = new ArrayList<>(List.of(a("v4only.example.test", "192.0.2.1"),
				aaaa("v6only.example.test", "2001:db8::1"), a("dual.example.test", "192.0.2.10"),
				a("dual.example.test", "192.0.2.11"), aaaa("dual.example.test", "2001:db8::10"),
				cname("www.example.test", "web.example.test"), a("web.example.test", "192.0.2.20"),
				cname("portal.example.test", "login.example.test"), cname("login.example.test", "web.example.test"),
				cname("shop.example.test", "shops.saas.test"), cname("stale.example.test", "gone.example.test"),
				mx("mail.example.test", 10, "mx.example.test"), txt("mail.example.test", "v=spf1 mx -all")));
		for (int i = 0; i < MANY; i++) {
			example.add(a("many.example.test", "198.51.100." + i));
		}
		// names behind servers that fail one family's queries, as RFC 4074 describes
		example.addAll(List.of(a("appliance.example.test", "192.0.2.40"), a("appliance.example.test", "192.0.2.41"),
				aaaa("appliance.example.test", "2001:db8::40"), a("forwarded.example.test", "192.0.2.50"),
				aaaa("forwarded.example.test", "2001:db8::50"), a("v6first.example.test", "192.0.2.60"),
				aaaa("v6first.example.test", "2001:db8::60"), a("refusedv4.example.test", "192.0.2.70"),
				a("silent-aaaa.example.test", "192.0.2.80"), aaaa("silent-aaaa.example.test", "2001:db8::80")));
		server = LoopbackDnsServer.start(0, LoopbackDnsServer.zone("example.test", example),
				LoopbackDnsServer.zone("saas.test", List.of(a("shops.saas.test", "203.0.113.7"))));
		server.failQueries("appliance.example.test", Type.AAAA, Rcode.REFUSED);
		server.failQueries("forwarded.example.test", Type.AAAA, Rcode.SERVFAIL);
		server.failQueries("v6first.example.test", Type.A, Rcode.REFUSED);
		server.failQueries("refusedv4.example.test", Type.A, Rcode.REFUSED);
		server.failQueries("absent.example.test", Type.AAAA, Rcode.REFUSED);
		server.ignoreQueries("silent-aaaa.example.test", Type.AAAA);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@AfterEach
	void closeResolver() {
		if (this.resolver != null) {
			this.resolver.close();
		}
	}

	@Test
	void nameWithOnlyAnIpv4AddressIsFound() {
		NameResolution resolution = resolver().resolve("v4only.example.test");

		assertThat(resolution).isEqualTo(new NameResolution("v4only.example.test", Outcome.FOUND, Source.DNS, List.of(),
				List.of("192.0.2.1"), null));
	}

	@Test
	void nameWithOnlyAnIpv6AddressIsFound() {
		NameResolution resolution = resolver().resolve("v6only.example.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.FOUND);
		assertThat(resolution.addresses()).containsExactly("2001:db8::1");
	}

	@Test
	void everyAddressOfBothFamiliesIsFoundIpv4First() {
		NameResolution resolution = resolver().resolve("dual.example.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.FOUND);
		assertThat(resolution.addresses()).containsExactly("192.0.2.10", "192.0.2.11", "2001:db8::10");
		assertThat(resolution.cnameChain()).isEmpty();
	}

	@Test
	void cnameChainIsFollowedAndReported() {
		NameResolution resolution = resolver().resolve("www.example.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.FOUND);
		assertThat(resolution.cnameChain()).containsExactly("www.example.test", "web.example.test");
		assertThat(resolution.addresses()).containsExactly("192.0.2.20");
	}

	@Test
	void twoStepCnameChainIsReportedInOrder() {
		NameResolution resolution = resolver().resolve("portal.example.test");

		assertThat(resolution.cnameChain()).containsExactly("portal.example.test", "login.example.test",
				"web.example.test");
		assertThat(resolution.addresses()).containsExactly("192.0.2.20");
	}

	@Test
	void cnameIntoAnotherZoneIsFollowedThere() {
		NameResolution resolution = resolver().resolve("shop.example.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.FOUND);
		assertThat(resolution.cnameChain()).containsExactly("shop.example.test", "shops.saas.test");
		assertThat(resolution.addresses()).containsExactly("203.0.113.7");
	}

	@Test
	void unknownNameIsNotFoundNotAnError() {
		NameResolution resolution = resolver().resolve("nowhere.example.test");

		assertThat(resolution).isEqualTo(new NameResolution("nowhere.example.test", Outcome.NOT_FOUND, Source.DNS,
				List.of(), List.of(), "NXDOMAIN"));
	}

	@Test
	void nameWithoutAddressRecordsIsNotFound() {
		NameResolution resolution = resolver().resolve("mail.example.test");

		assertThat(resolution).isEqualTo(new NameResolution("mail.example.test", Outcome.NOT_FOUND, Source.DNS,
				List.of(), List.of(), "no A or AAAA records"));
	}

	@Test
	void negativeAnswersReadTheSameWhenTheCacheGivesThem() {
		NameResolver resolver = resolver();
		NameResolution missingName = resolver.resolve("nowhere.example.test");
		NameResolution missingAddresses = resolver.resolve("mail.example.test");

		assertThat(resolver.resolve("nowhere.example.test")).isEqualTo(missingName);
		assertThat(resolver.resolve("mail.example.test")).isEqualTo(missingAddresses);
	}

	@Test
	void danglingCnameIsNotFoundAndShowsWhereItPoints() {
		NameResolution resolution = resolver().resolve("stale.example.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.NOT_FOUND);
		assertThat(resolution.detail()).isEqualTo("NXDOMAIN");
		assertThat(resolution.cnameChain()).containsExactly("stale.example.test", "gone.example.test");
	}

	@Test
	void answerTooLargeForUdpArrivesWholeOverTcp() {
		NameResolution resolution = resolver().resolve("many.example.test");

		assertThat(resolution.addresses()).hasSize(MANY).startsWith("198.51.100.0").endsWith("198.51.100.99");
	}

	@Test
	void nameOutsideTheServersZonesFailsWithTheRefusal() {
		NameResolution resolution = resolver().resolve("www.elsewhere.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(resolution.detail()).isEqualTo("REFUSED");
		assertThat(resolution.addresses()).isEmpty();
	}

	@Test
	void refusedAaaaLeavesTheNameFoundWithItsIpv4AddressesAndSaysWhat() {
		NameResolution resolution = resolver().resolve("appliance.example.test");

		assertThat(resolution).isEqualTo(new NameResolution("appliance.example.test", Outcome.FOUND, Source.DNS,
				List.of(), List.of("192.0.2.40", "192.0.2.41"), "AAAA lookup failed: REFUSED"));
	}

	@Test
	void servfailForAaaaLeavesTheNameFoundWithItsIpv4Addresses() {
		NameResolution resolution = resolver().resolve("forwarded.example.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.FOUND);
		assertThat(resolution.addresses()).containsExactly("192.0.2.50");
		assertThat(resolution.detail()).isEqualTo("AAAA lookup failed: SERVFAIL");
	}

	@Test
	void refusedAKeepsTheIpv6Addresses() {
		NameResolution resolution = resolver().resolve("v6first.example.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.FOUND);
		assertThat(resolution.addresses()).containsExactly("2001:db8::60");
		assertThat(resolution.detail()).isEqualTo("A lookup failed: REFUSED");
	}

	@Test
	void unansweredAaaaLeavesTheNameFoundWithItsIpv4Addresses() {
		this.resolver = new NameResolver(dnsAlone(TIMEOUT, 0, server.address()));

		NameResolution resolution = this.resolver.resolve("silent-aaaa.example.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.FOUND);
		assertThat(resolution.addresses()).containsExactly("192.0.2.80");
		// the server's address as an address, not the name the JDK's loopback address carries
		assertThat(resolution.detail()).isEqualTo("AAAA lookup failed: no answer from "
				+ server.address().getAddress().getHostAddress() + ":" + server.port() + " within 300 ms");
	}

	@Test
	void failedFamilyBesideOneWithoutRecordsLeavesNothingKnown() {
		NameResolution resolution = resolver().resolve("refusedv4.example.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(resolution.detail()).isEqualTo("REFUSED");
		assertThat(resolution.addresses()).isEmpty();
	}

	@Test
	void missingNameIsNotFoundEvenWhenTheOtherFamilyIsRefused() {
		NameResolution resolution = resolver().resolve("absent.example.test");

		assertThat(resolution).isEqualTo(new NameResolution("absent.example.test", Outcome.NOT_FOUND, Source.DNS,
				List.of(), List.of(), "NXDOMAIN"));
	}

	@Test
	void nameInTheHostsFileTakesEveryAddressListedThereWithoutAskingDns(@TempDir Path directory) throws IOException {
		HostsFile hosts = hostsFile(directory, """
				# internal names the operators keep
				10.1.0.1   intranet.example.test  intranet
				10.1.0.2   intranet.example.test
				fd00::1    intranet.example.test
				""");
		try (DatagramChannel silent = silentServer()) {
			this.resolver = new NameResolver(new DnsSettings(List.of(localAddress(silent)), TIMEOUT, 0, hosts));

			NameResolution resolution = this.resolver.resolve("intranet.example.test");

			assertThat(resolution).isEqualTo(new NameResolution("intranet.example.test", Outcome.FOUND,
					Source.HOSTS_FILE, List.of(), List.of("10.1.0.1", "10.1.0.2", "fd00::1"), null));
			assertThat(queriesReceived(silent)).isZero();
		}
	}

	@Test
	void nameInTheHostsFileForIpv4OnlyGetsNoIpv6AddressFromDns(@TempDir Path directory) throws IOException {
		this.resolver = new NameResolver(new DnsSettings(List.of(server.address()), Duration.ofSeconds(2), 1,
				hostsFile(directory, "10.2.0.1 dual.example.test\n")));

		NameResolution resolution = this.resolver.resolve("dual.example.test");

		assertThat(resolution.source()).isEqualTo(Source.HOSTS_FILE);
		assertThat(resolution.addresses()).containsExactly("10.2.0.1");
		assertThat(resolution.detail()).isNull();
	}

	@Test
	void nameNotInTheHostsFileIsLookedUpInDns(@TempDir Path directory) throws IOException {
		this.resolver = new NameResolver(new DnsSettings(List.of(server.address()), Duration.ofSeconds(2), 1,
				hostsFile(directory, "10.2.0.1 dual.example.test\n")));

		NameResolution resolution = this.resolver.resolve("v4only.example.test");

		assertThat(resolution.source()).isEqualTo(Source.DNS);
		assertThat(resolution.addresses()).containsExactly("192.0.2.1");
	}

	@Test
	void fullyQualifiedNameWithItsTrailingDotIsTheSameName() {
		NameResolution resolution = resolver().resolve("v4only.example.test.");

		assertThat(resolution.name()).isEqualTo("v4only.example.test.");
		assertThat(resolution.addresses()).containsExactly("192.0.2.1");
	}

	@Test
	void textThatCannotBeADnsNameFailsWithoutAQuery() {
		NameResolution resolution = resolver().resolve("a".repeat(64) + ".example.test");

		assertThat(resolution.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(resolution.detail()).startsWith("not a DNS name");
	}

	@Test
	void silentServerFailsAfterEveryRetryWithinTheTimeoutBudget() throws IOException {
		try (DatagramChannel silent = silentServer()) {
			this.resolver = new NameResolver(dnsAlone(TIMEOUT, 1, localAddress(silent)));
			long started = System.nanoTime();

			NameResolution resolution = this.resolver.resolve("v4only.example.test");

			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			assertThat(resolution.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(resolution.detail()).isEqualTo("no answer from "
					+ localAddress(silent).getAddress().getHostAddress() + ":" + localAddress(silent).getPort()
					+ " within 300 ms");
			// A and AAAA are asked at the same time, each once and then once more
			Duration budget = TIMEOUT.multipliedBy(2);
			assertThat(elapsed).isBetween(budget.minusMillis(50), budget.plusSeconds(1));
			assertThat(queriesReceived(silent)).isEqualTo(4);
		}
	}

	@Test
	void silentServerIsPassedOverForTheNextOne() throws IOException {
		try (DatagramChannel silent = silentServer()) {
			this.resolver = new NameResolver(dnsAlone(TIMEOUT, 0, localAddress(silent), server.address()));

			NameResolution resolution = this.resolver.resolve("v4only.example.test");

			assertThat(resolution.outcome()).isEqualTo(Outcome.FOUND);
			assertThat(resolution.addresses()).containsExactly("192.0.2.1");
		}
	}

	@Test
	void ipLiteralIsFoundAsItselfWithoutAQuery() throws IOException {
		try (DatagramChannel silent = silentServer()) {
			this.resolver = new NameResolver(dnsAlone(TIMEOUT, 0, localAddress(silent)));

			NameResolution ipv4 = this.resolver.resolve("192.0.2.55");
			NameResolution ipv6 = this.resolver.resolve("2001:db8::55");

			assertThat(ipv4).isEqualTo(new NameResolution("192.0.2.55", Outcome.FOUND, Source.LITERAL, List.of(),
					List.of("192.0.2.55"), null));
			assertThat(ipv6.addresses()).containsExactly("2001:db8::55");
			assertThat(queriesReceived(silent)).isZero();
		}
	}

	@Test
	void repeatedNameIsAnsweredFromTheRunsCache() throws IOException {
		try (LoopbackDnsServer shortLived = LoopbackDnsServer.start(0,
				LoopbackDnsServer.zone("example.test", List.of(a("cached.example.test", "192.0.2.99"))))) {
			this.resolver = new NameResolver(dnsAlone(TIMEOUT, 0, shortLived.address()));
			this.resolver.resolve("cached.example.test");
			shortLived.close();

			NameResolution again = this.resolver.resolve("cached.example.test");

			assertThat(again.outcome()).isEqualTo(Outcome.FOUND);
			assertThat(again.addresses()).containsExactly("192.0.2.99");
		}
	}

	@Test
	void sameNameFromFiftyThreadsAtOnceGetsOneAnswer() throws Exception {
		NameResolver shared = resolver();
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<NameResolution>> resolutions = IntStream.range(0, 50).mapToObj((i) -> threads.submit(() -> {
				start.await();
				return shared.resolve("portal.example.test");
			})).toList();
			start.countDown();

			for (Future<NameResolution> resolution : resolutions) {
				assertThat(resolution.get()).isEqualTo(new NameResolution("portal.example.test", Outcome.FOUND,
						Source.DNS, List.of("portal.example.test", "login.example.test", "web.example.test"),
						List.of("192.0.2.20"), null));
			}
		}
	}

	private NameResolver resolver() {
		this.resolver = new NameResolver(dnsAlone(Duration.ofSeconds(2), 1, server.address()));
		return this.resolver;
	}

	/** Servers to ask, and no hosts file. */
	private static DnsSettings dnsAlone(Duration timeout, int retries, InetSocketAddress... servers) {
		return new DnsSettings(List.of(servers), timeout, retries, HostsFile.none());
	}

	private static HostsFile hostsFile(Path directory, String content) throws IOException {
		Path file = directory.resolve("hosts");
		Files.writeString(file, content);
		return HostsFile.read(file);
	}

	/** A loopback UDP port that takes queries and never answers; they wait in its buffer to be counted. */
	private static DatagramChannel silentServer() throws IOException {
		DatagramChannel channel = DatagramChannel.open();
		channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		channel.configureBlocking(false);
		return channel;
	}

	private static InetSocketAddress localAddress(DatagramChannel channel) throws IOException {
		return (InetSocketAddress) channel.getLocalAddress();
	}

	private static int queriesReceived(DatagramChannel silent) throws IOException {
		ByteBuffer datagram = ByteBuffer.allocate(512);
		int count = 0;
		while (silent.receive(datagram.clear()) != null) {
			count++;
		}
		return count;
	}

}
