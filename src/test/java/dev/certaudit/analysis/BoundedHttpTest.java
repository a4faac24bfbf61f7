package dev.certaudit.analysis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One deadline for the whole exchange and a cap on the answer, against loopback servers that send
 * their headers and then drip, stall or never stop. Each test would hang without the deadline, so
 * JUnit's timeout turns a hang into a failure; the deadlines asserted are the client's decision.
 */
@Timeout(30)
class BoundedHttpTest {

	private static final Duration DEADLINE = Duration.ofMillis(500);

	private static final Duration GENEROUS = Duration.ofSeconds(20);

	private final BoundedHttp http = new BoundedHttp(DEADLINE, HttpClient.Redirect.NEVER);

	@Test
	void bodyDrippedAByteAtATimeEndsAtTheDeadlineAndTheConnectionIsClosed() throws Exception {
		try (MisbehavingHttpServer server = MisbehavingHttpServer.dripping()) {
			assertThatExceptionOfType(BoundedHttp.Failure.class).isThrownBy(() -> get(server.url("/drip"), 1 << 20))
				.withMessage("no complete answer within 500 ms");
			assertThat(server.clientHungUp(GENEROUS)).as("the client closed the connection").isTrue();
		}
	}

	@Test
	void bodyStalledAfterTheHeadersEndsAtTheDeadlineAndTheConnectionIsClosed() throws Exception {
		try (MisbehavingHttpServer server = MisbehavingHttpServer.stallingAfterHeaders()) {
			assertThatExceptionOfType(BoundedHttp.Failure.class).isThrownBy(() -> get(server.url("/stall"), 1 << 20))
				.withMessage("no complete answer within 500 ms");
			assertThat(server.clientHungUp(GENEROUS)).as("the client closed the connection").isTrue();
		}
	}

	@Test
	void postWhoseAnswerStallsEndsAtTheDeadline() throws Exception {
		try (MisbehavingHttpServer server = MisbehavingHttpServer.stallingAfterHeaders()) {
			HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(server.url("/ocsp")))
				.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100]));

			assertThatExceptionOfType(BoundedHttp.Failure.class).isThrownBy(() -> this.http.fetch(post, 1 << 20))
				.withMessage("no complete answer within 500 ms");
		}
	}

	@Test
	void answerLargerThanTheCapIsRefusedWithoutReadingItAll() throws Exception {
		BoundedHttp patient = new BoundedHttp(GENEROUS, HttpClient.Redirect.NEVER);
		try (MisbehavingHttpServer server = MisbehavingHttpServer.answering(64 * 1024 * 1024)) {
			assertThatExceptionOfType(BoundedHttp.Failure.class)
				.isThrownBy(() -> patient.fetch(HttpRequest.newBuilder(URI.create(server.url("/big"))), 1024 * 1024))
				.withMessage("answer larger than 1048576 bytes");
			assertThat(server.clientHungUp(GENEROUS)).as("the client closed the connection").isTrue();
		}
	}

	@Test
	void answerUpToTheCapIsTakenWhole() throws Exception {
		BoundedHttp patient = new BoundedHttp(GENEROUS, HttpClient.Redirect.NEVER);
		try (MisbehavingHttpServer server = MisbehavingHttpServer.answering(1024 * 1024)) {
			byte[] body = patient.fetch(HttpRequest.newBuilder(URI.create(server.url("/exact"))), 1024 * 1024);

			assertThat(body).hasSize(1024 * 1024);
		}
	}

	private byte[] get(String url, int maxBytes) throws BoundedHttp.Failure {
		return this.http.fetch(HttpRequest.newBuilder(URI.create(url)), maxBytes);
	}

}
