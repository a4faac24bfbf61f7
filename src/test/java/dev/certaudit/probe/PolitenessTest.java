package dev.certaudit.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import dev.certaudit.demo.CertificateGenerator;
import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

import static dev.certaudit.probe.LoopbackProbes.NO_RETRIES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many visits in flight at once, to servers that count how many connections each address has open, or
 * that turn away all but one.
 */
class PolitenessTest {

	private static final IssuedCertificate LEAF = LoopbackProbes.selfSigned("polite.test");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void connectionsToOneAddressStayUnderTheCapWhileManyAreInFlight() throws Exception {
		try (CountingTlsServer first = new CountingTlsServer("127.0.0.1");
				CountingTlsServer second = new CountingTlsServer("127.0.0.2");
				CertificateFetcher fetcher = new CertificateFetcher(new FetchSettings(TIMEOUT, TIMEOUT, TIMEOUT,
						NO_RETRIES, new FetchSettings.Politeness(3, Duration.ZERO)))) {
			List<ProbeResult> results = fetchAtOnce(fetcher, 64, (i) -> (i % 2 == 0) ? first : second);

			assertThat(results).extracting(ProbeResult::outcome).containsOnly(ProbeOutcome.FETCHED);
			// the server learns of a hang-up a moment after the client's next visit may connect: on a loaded
			// machine it can count one connection more than the client ever held open
			assertThat(first.mostOpenAtOnce()).isBetween(3, 4);
			assertThat(second.mostOpenAtOnce()).isBetween(3, 4);
		}
	}

	@Test
	void withoutACapOneAddressGetsEveryVisitAtOnce() throws Exception {
		try (CountingTlsServer server = new CountingTlsServer("127.0.0.1");
				CertificateFetcher fetcher = new CertificateFetcher(
						new FetchSettings(TIMEOUT, TIMEOUT, TIMEOUT, NO_RETRIES, FetchSettings.Politeness.UNLIMITED))) {
			fetchAtOnce(fetcher, 16, (i) -> server);

			assertThat(server.mostOpenAtOnce()).isGreaterThan(4);
		}
	}

	@Test
	void connectionsToOneAddressStartAtLeastTheGapApart() throws Exception {
		Duration gap = Duration.ofMillis(150);
		try (CountingTlsServer server = new CountingTlsServer("127.0.0.1");
				CertificateFetcher fetcher = new CertificateFetcher(new FetchSettings(TIMEOUT, TIMEOUT, TIMEOUT,
						NO_RETRIES, new FetchSettings.Politeness(100, gap)))) {
			long started = System.nanoTime();
			fetchAtOnce(fetcher, 5, (i) -> server);

			List<Long> accepted = server.acceptedNanos().stream().sorted().toList();
			assertThat(accepted).hasSize(5);
			// a loaded machine may accept late and so bunch accepts together, but never earlier than the
			// gates let the connections start: the fifth no sooner than four gaps after the first could
			assertThat(Duration.ofNanos(accepted.getLast() - started)).isGreaterThanOrEqualTo(gap.multipliedBy(4));
		}
	}

	/** exim with {@code smtp_accept_max_per_host = 1} and eight names on its one address (issue #16). */
	@Test
	void addressThatSaysTryLaterGetsFewerConnectionsAtOnceUntilEveryNameOnItIsFetched() throws Exception {
		List<String> names = IntStream.rangeClosed(1, 8).mapToObj((i) -> "mx" + i + ".polite.test").toList();
		IssuedCertificate leaf = CertificateGenerator.certificate("CN=mx.polite.test")
			.dnsNames(names.toArray(String[]::new))
			.build();
		int perAddress = 4;
		try (OneSessionSmtpServer server = new OneSessionSmtpServer(leaf);
				CertificateFetcher fetcher = new CertificateFetcher(new FetchSettings(TIMEOUT, Duration.ofSeconds(30),
						TIMEOUT, new FetchSettings.Retries(3, Duration.ofMillis(20), Duration.ofMillis(200)),
						new FetchSettings.Politeness(perAddress, Duration.ZERO)))) {
			List<ProbeResult> results = fetchAtOnce(fetcher, names.stream()
				.map((name) -> new Target(name, server.port(), Protocol.SMTP, LoopbackProbes.LOOPBACK, Map.of(), "test"))
				.toList());

			assertThat(results).allSatisfy((result) -> {
				assertThat(result.outcome()).as(result.detail()).isEqualTo(ProbeOutcome.FETCHED);
				assertThat(result.chain()).containsExactly(leaf.certificate());
			});
			assertThat(server.serverNames()).containsExactlyInAnyOrderElementsOf(names);
			// how many visits met the first session depends on the scheduler; each one turned away was tried
			// again and fetched, and the gates never let more than perAddress - 1 meet a held session
			int turnedAway = server.turnedAway();
			assertThat(turnedAway).isBetween(1, perAddress - 1);
			assertThat(results.stream().mapToInt(ProbeResult::attempts).sum()).isEqualTo(names.size() + turnedAway);
			assertThat(fetcher.connectionsAllowedTo(InetAddress.getLoopbackAddress())).isLessThan(perAddress);
		}
	}

	private static List<ProbeResult> fetchAtOnce(CertificateFetcher fetcher, int visits,
			IntFunction<CountingTlsServer> server) throws Exception {
		return fetchAtOnce(fetcher, IntStream.range(0, visits).mapToObj((i) -> {
			CountingTlsServer to = server.apply(i);
			return new Target("polite.test", to.port(), Protocol.TLS, to.address(), Map.of(), "test");
		}).toList());
	}

	private static List<ProbeResult> fetchAtOnce(CertificateFetcher fetcher, List<Target> targets) throws Exception {
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<ProbeResult>> futures = targets.stream()
				.map((target) -> threads.submit(() -> fetcher.fetch(target)))
				.toList();
			return futures.stream().map((future) -> {
				try {
					return future.get();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
		}
	}

	/** Accepts, holds each connection 100 ms as a distant server would, then shakes hands; counts open ones. */
	private static final class CountingTlsServer implements AutoCloseable {

		private final ServerSocket socket;

		private final SSLContext context;

		private final AtomicInteger open = new AtomicInteger();

		private final AtomicInteger mostOpen = new AtomicInteger();

		private final ConcurrentLinkedQueue<Long> accepted = new ConcurrentLinkedQueue<>();

		CountingTlsServer(String address) throws Exception {
			this.context = LoopbackProbes.serverContext(LEAF);
			this.socket = new ServerSocket();
			this.socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0), 200);
			Thread.ofVirtual().start(this::acceptLoop);
		}

		private void acceptLoop() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					this.accepted.add(System.nanoTime());
					this.mostOpen.accumulateAndGet(this.open.incrementAndGet(), Math::max);
					Thread.ofVirtual().start(() -> serve(connection));
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(Socket connection) {
			try (SSLSocket tls = (SSLSocket) this.context.getSocketFactory()
				.createSocket(connection, null, connection.getPort(), true)) {
				Thread.sleep(100);
				tls.setUseClientMode(false);
				tls.startHandshake();
				// until the client hangs up, the connection counts as open
				tls.getInputStream().read();
			}
			catch (IOException ex) {
				// the client closing after the handshake ends the connection
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.open.decrementAndGet();
			}
		}

		int port() {
			return this.socket.getLocalPort();
		}

		String address() {
			return this.socket.getInetAddress().getHostAddress();
		}

		int mostOpenAtOnce() {
			return this.mostOpen.get();
		}

		List<Long> acceptedNanos() {
			return List.copyOf(this.accepted);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

	/**
	 * One SMTP session at a time, as exim with {@code smtp_accept_max_per_host = 1}: any other connection
	 * is answered 421 and closed. A session is over for the server once it has agreed to STARTTLS, so a
	 * client that connects again only after its last handshake never meets a session the server has not
	 * yet seen end. The first session holds its greeting until a connection beside it has been turned
	 * away, so a client that opens more than one connection at once is sure to meet a 421.
	 */
	private static final class OneSessionSmtpServer implements AutoCloseable {

		private final ServerSocket socket;

		private final SSLContext tls;

		private final AtomicBoolean inSession = new AtomicBoolean();

		private final AtomicBoolean firstSession = new AtomicBoolean(true);

		/** The first session is held until a visit beside it has been turned away, so one always is. */
		private final CountDownLatch oneTurnedAway = new CountDownLatch(1);

		private final AtomicInteger turnedAway = new AtomicInteger();

		private final Queue<String> serverNames = new ConcurrentLinkedQueue<>();

		OneSessionSmtpServer(IssuedCertificate leaf) throws Exception {
			this.tls = LoopbackProbes.serverContext(leaf);
			this.socket = new ServerSocket();
			this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
			Thread.ofVirtual().start(this::acceptLoop);
		}

		private void acceptLoop() {
			while (!this.socket.isClosed()) {
				try {
					Socket connection = this.socket.accept();
					Thread.ofVirtual().start(() -> serve(connection));
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(Socket connection) {
			try (connection) {
				if (!this.inSession.compareAndSet(false, true)) {
					this.turnedAway.incrementAndGet();
					this.oneTurnedAway.countDown();
					SmtpPeer.reply(connection, "421 4.7.0 Too many concurrent connections");
					return;
				}
				try {
					if (this.firstSession.getAndSet(false)) {
						this.oneTurnedAway.await(20, TimeUnit.SECONDS);
					}
					SmtpPeer.greet(connection);
					SmtpPeer.awaitStartTls(connection);
				}
				finally {
					this.inSession.set(false);
				}
				SmtpPeer.reply(connection, "220 2.0.0 Ready to start TLS");
				this.serverNames.addAll(SmtpPeer.shakeHands(connection, this.tls));
			}
			catch (IOException ex) {
				// a client that gives up mid-session is the test's to judge
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int turnedAway() {
			return this.turnedAway.get();
		}

		/** The name each completed handshake asked for with SNI. */
		List<String> serverNames() {
			return List.copyOf(this.serverNames);
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
