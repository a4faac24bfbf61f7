package dev.certaudit.analysis.revocation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import dev.certaudit.demo.IssuedCertificate;

/**
 * An OCSP responder and CRL server on 127.0.0.1 and an ephemeral port: {@code POST /ocsp} answers
 * every certificate asked about with one status signed by a chosen key, {@code GET /ca.crl} serves a
 * CRL. It counts requests, so a test can show that none was made.
 */
final class LoopbackRevocationResponder implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private volatile IssuedCertificate signer;

	private volatile X509Certificate[] sentCertificates = new X509Certificate[0];

	private volatile CertificateStatus status = CertificateStatus.GOOD;

	private volatile byte[] crl;

	private LoopbackRevocationResponder() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/ocsp", this::answerOcsp);
		this.server.createContext("/ca.crl", this::serveCrl);
		this.server.start();
	}

	static LoopbackRevocationResponder start() throws IOException {
		return new LoopbackRevocationResponder();
	}

	String ocspUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/ocsp";
	}

	String crlUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/ca.crl";
	}

	int requests() {
		return this.requests.get();
	}

	/** Answer with {@code status}, signed by {@code signer}, sending {@code certificates} along. */
	LoopbackRevocationResponder ocsp(CertificateStatus status, IssuedCertificate signer,
			X509Certificate... certificates) {
		this.status = status;
		this.signer = signer;
		this.sentCertificates = certificates.clone();
		return this;
	}

	LoopbackRevocationResponder crl(byte[] crl) {
		this.crl = crl.clone();
		return this;
	}

	static RevokedStatus revoked(Instant at, int reason) {
		return new RevokedStatus(Date.from(at), reason);
	}

	/** A CRL signed by {@code issuer}, current for a week, listing {@code serial} as revoked at {@code at}. */
	static byte[] crlRevoking(IssuedCertificate issuer, BigInteger serial, Instant at) throws Exception {
		Instant now = Instant.now();
		X509v2CRLBuilder builder = new X509v2CRLBuilder(
				X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
				Date.from(now.minus(Duration.ofHours(1))));
		builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
		builder.addCRLEntry(serial, Date.from(at), CRLReason.keyCompromise);
		return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keyPair().getPrivate()))
			.getEncoded();
	}

	private void answerOcsp(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try (InputStream body = exchange.getRequestBody()) {
			OCSPReq request = new OCSPReq(body.readAllBytes());
			X509Certificate signing = this.signer.certificate();
			BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
					new RespID(X500Name.getInstance(signing.getSubjectX500Principal().getEncoded())));
			Instant now = Instant.now();
			for (Req single : request.getRequestList()) {
				builder.addResponse(single.getCertID(), this.status, Date.from(now.minus(Duration.ofMinutes(1))),
						Date.from(now.plus(Duration.ofDays(1))), null);
			}
			X509CertificateHolder[] chain = Arrays.stream(this.sentCertificates)
				.map(LoopbackRevocationResponder::holder)
				.toArray(X509CertificateHolder[]::new);
			BasicOCSPResp basic = builder.build(
					new JcaContentSignerBuilder("SHA256withECDSA").build(this.signer.keyPair().getPrivate()), chain,
					Date.from(now));
			send(exchange, "application/ocsp-response",
					new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded());
		}
		catch (Exception ex) {
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		}
	}

	private void serveCrl(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		if (this.crl == null) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		send(exchange, "application/pkix-crl", this.crl);
	}

	private static void send(HttpExchange exchange, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static X509CertificateHolder holder(X509Certificate certificate) {
		try {
			return new JcaX509CertificateHolder(certificate);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
