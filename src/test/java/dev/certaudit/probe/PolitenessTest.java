package dev.certaudit.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

import static dev.certaudit.probe.LoopbackProbes.NO_RETRIES;
import static org.assertj.core.api.Assertions.assertThat;

/** Many visits in flight at once, to servers that count how many connections each address has open. */
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

	private static List<ProbeResult> fetchAtOnce(CertificateFetcher fetcher, int visits,
			IntFunction<CountingTlsServer> server) throws Exception {
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<ProbeResult>> futures = IntStream.range(0, visits).mapToObj((i) -> {
				CountingTlsServer to = server.apply(i);
				Target target = new Target("polite.test", to.port(), Protocol.TLS, to.address(), Map.of(), "test");
				return threads.submit(() -> fetcher.fetch(target));
			}).toList();
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

}
