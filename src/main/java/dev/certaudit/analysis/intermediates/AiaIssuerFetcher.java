package dev.certaudit.analysis.intermediates;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.certaudit.analysis.BoundedHttp;

/**
 * Fetches the certificates at an AIA caIssuers URL (RFC 5280 4.2.2.1: a DER certificate or a PKCS#7
 * "certs-only" bundle, over HTTP), as the browsers that repair incomplete chains do. Answers are kept
 * per URL for the run, failures included: thousands of leaves of one CA cost one request, and a dead
 * or dripping URL one timeout.
 */
public final class AiaIssuerFetcher {

	/** An issuer certificate is a few kilobytes; a PKCS#7 bundle of a handful no more than some tens. */
	private static final int MAX_RESPONSE_BYTES = 256 * 1024;

	/** Distinct caIssuers URLs of a real estate number in the tens; the bound only guards memory. */
	private static final int MAX_CACHED_URLS = 10_000;

	private final BoundedHttp http;

	private final Map<String, Fetched> answers = new ConcurrentHashMap<>();

	/** @param timeout for the whole of each download: connecting, the headers and the body */
	public AiaIssuerFetcher(Duration timeout) {
		this.http = new BoundedHttp(timeout, HttpClient.Redirect.NORMAL);
	}

	/** The certificates at {@code url}, or why there are none. */
	public Fetched fetch(String url) {
		Fetched cached = this.answers.get(url);
		if (cached != null) {
			return cached;
		}
		Fetched fetched = download(url);
		if (this.answers.size() < MAX_CACHED_URLS) {
			this.answers.put(url, fetched);
		}
		return fetched;
	}

	private Fetched download(String url) {
		try {
			byte[] answer = this.http.fetch(HttpRequest.newBuilder(URI.create(url)).GET(), MAX_RESPONSE_BYTES);
			List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(answer))
				.stream()
				.map(X509Certificate.class::cast)
				.toList();
			return certificates.isEmpty() ? Fetched.failed("no certificate in the answer")
					: new Fetched(certificates, null);
		}
		catch (BoundedHttp.Failure ex) {
			return Fetched.failed(ex.getMessage());
		}
		catch (CertificateException ex) {
			return Fetched.failed("not a DER certificate or PKCS#7 bundle: " + ex.getMessage());
		}
		catch (IllegalArgumentException ex) {
			return Fetched.failed("unreachable: " + ex.getMessage());
		}
	}

	/** @param failure why nothing was fetched; null when {@code certificates} holds the answer */
	public record Fetched(List<X509Certificate> certificates, String failure) {

		static Fetched failed(String failure) {
			return new Fetched(List.of(), failure);
		}

	}

}
