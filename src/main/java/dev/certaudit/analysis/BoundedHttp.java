package dev.certaudit.analysis;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP requests to the CAs named in a certificate (AIA caIssuers, OCSP responders, CRL distribution
 * points), each exchange ended by one deadline and its answer by a size cap. The certificate, and so
 * the URL, is the audited server's choice: {@link HttpRequest#timeout} bounds only the wait for the
 * response headers, and a URL that sends them and then drips or stalls its body would hold the run for
 * ever. Here connecting, the headers and the whole body share the deadline; past it, or past the cap,
 * the exchange is cancelled, which closes its HTTP/1.1 connection.
 */
public final class BoundedHttp {

	private final HttpClient client;

	private final Duration deadline;

	/** @param deadline for the whole of each exchange: connecting, the headers and the body */
	public BoundedHttp(Duration deadline, HttpClient.Redirect redirects) {
		if (deadline == null || !deadline.isPositive()) {
			throw new IllegalArgumentException("an HTTP deadline must be positive, got " + deadline);
		}
		this.deadline = deadline;
		this.client = HttpClient.newBuilder()
			.connectTimeout(deadline)
			.followRedirects(redirects)
			.proxy(HttpClient.Builder.NO_PROXY)
			.build();
	}

	/**
	 * The body of a 200 answer.
	 * @param maxBytes the longest body taken; a longer one is a {@link Failure} once this much has come
	 * @throws Failure with the reason a report shows: no complete answer within the deadline, a larger
	 * answer, another status, or the network's error
	 */
	public byte[] fetch(HttpRequest.Builder request, int maxBytes) throws Failure {
		CompletableFuture<HttpResponse<byte[]>> exchange = this.client.sendAsync(request.build(),
				(response) -> new CappedBody(response.statusCode(), maxBytes));
		try {
			return exchange.get(this.deadline.toNanos(), TimeUnit.NANOSECONDS).body();
		}
		catch (TimeoutException ex) {
			throw noCompleteAnswer();
		}
		catch (ExecutionException ex) {
			throw failure(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failure("interrupted");
		}
		finally {
			// a no-op once the exchange is complete; otherwise it closes the connection the body would come on
			exchange.cancel(true);
		}
	}

	private Failure failure(Throwable cause) {
		Throwable failure = cause;
		while (failure instanceof CompletionException && failure.getCause() != null) {
			failure = failure.getCause();
		}
		if (failure instanceof Failure known) {
			return known;
		}
		if (failure instanceof HttpTimeoutException) {
			return noCompleteAnswer();
		}
		return new Failure("unreachable: " + describe(failure));
	}

	private Failure noCompleteAnswer() {
		return new Failure("no complete answer within " + this.deadline.toMillis() + " ms");
	}

	private static String describe(Throwable ex) {
		Throwable cause = ex;
		while (cause.getMessage() == null && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	/** Why a request brought no answer to use; its message is the reason a report shows. */
	public static final class Failure extends Exception {

		Failure(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * Collects the body up to the cap, and refuses it at once when the status is not 200: neither a
	 * body past the cap nor an error page is read to its end.
	 */
	private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

		private final CompletableFuture<byte[]> body = new CompletableFuture<>();

		private final ByteArrayOutputStream received = new ByteArrayOutputStream();

		private final int status;

		private final int maxBytes;

		private Flow.Subscription subscription;

		CappedBody(int status, int maxBytes) {
			this.status = status;
			this.maxBytes = maxBytes;
		}

		@Override
		public CompletionStage<byte[]> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			if (this.status != 200) {
				refuse("HTTP status " + this.status);
				return;
			}
			subscription.request(1);
		}

		@Override
		public void onNext(List<ByteBuffer> buffers) {
			if (this.body.isDone()) {
				return;
			}
			for (ByteBuffer buffer : buffers) {
				if (this.received.size() + buffer.remaining() > this.maxBytes) {
					refuse("answer larger than " + this.maxBytes + " bytes");
					return;
				}
				byte[] bytes = new byte[buffer.remaining()];
				buffer.get(bytes);
				this.received.writeBytes(bytes);
			}
			this.subscription.request(1);
		}

		@Override
		public void onError(Throwable failure) {
			this.body.completeExceptionally(failure);
		}

		@Override
		public void onComplete() {
			this.body.complete(this.received.toByteArray());
		}

		private void refuse(String reason) {
			this.subscription.cancel();
			this.body.completeExceptionally(new Failure(reason));
		}

	}

}
