package dev.certaudit.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import dev.certaudit.demo.IssuedCertificate;
import dev.certaudit.inventory.Target;

import static dev.certaudit.probe.LoopbackProbes.NO_RETRIES;
import static dev.certaudit.probe.LoopbackProbes.pinned;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every visit is a full handshake. A resumed TLS 1.2 session carries no Certificate message, so the
 * chain reported would be the one remembered from an earlier visit to the same name and port: after a
 * renewal, or from another address behind the same name, not the one the server presents now.
 */
class FreshHandshakeTest {

	private static final IssuedCertificate LEAF = LoopbackProbes.selfSigned("resume.example.test");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	@Test
	void secondVisitToAServerThatWouldResumeTheSessionShakesHandsAnew() throws Exception {
		try (ResumingTlsServer server = new ResumingTlsServer();
				CertificateFetcher fetcher = new CertificateFetcher(
						new FetchSettings(TIMEOUT, TIMEOUT, TIMEOUT, NO_RETRIES))) {
			Target target = pinned("resume.example.test", server.port());

			ProbeResult first = fetcher.fetch(target);
			ProbeResult second = fetcher.fetch(target);

			assertThat(first.outcome()).as(first.detail()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(second.outcome()).as(second.detail()).isEqualTo(ProbeOutcome.FETCHED);
			assertThat(second.chain()).containsExactly(LEAF.certificate());
			assertThat(server.sessionIds()).hasSize(2).doesNotHaveDuplicates();
		}
	}

	/** Speaks TLS 1.2 only, whose servers resume a session a client offers by its id. */
	private static final class ResumingTlsServer implements AutoCloseable {

		private final SSLServerSocket socket;

		private final List<String> sessionIds = new CopyOnWriteArrayList<>();

		ResumingTlsServer() throws Exception {
			this.socket = (SSLServerSocket) LoopbackProbes.serverContext(LEAF).getServerSocketFactory()
				.createServerSocket();
			this.socket.setEnabledProtocols(new String[] { "TLSv1.2" });
			this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			Thread.ofVirtual().start(this::serve);
		}

		int port() {
			return this.socket.getLocalPort();
		}

		/** The id of each session a handshake established or resumed, in order. */
		List<String> sessionIds() {
			return List.copyOf(this.sessionIds);
		}

		private void serve() {
			while (!this.socket.isClosed()) {
				try (SSLSocket client = (SSLSocket) this.socket.accept()) {
					client.setSoTimeout(5_000);
					client.startHandshake();
					this.sessionIds.add(HexFormat.of().formatHex(client.getSession().getId()));
					// wait for the client to hang up, so it reads the whole flight
					client.getInputStream().read();
				}
				catch (IOException ex) {
					// a client hanging up after the handshake is how an auditor leaves
				}
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
