package dev.certaudit.probe;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;

import dev.certaudit.inventory.IpLiterals;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;

/**
 * Connects to one endpoint and captures the certificate chain it presents, without trusting it.
 * Every failure becomes a {@link ProbeResult} with its reason; nothing escapes as an exception, so one
 * bad host is one report row and never a failed run. A transient failure is retried after a pause, on
 * the caller's thread: the fetch runs each target on a virtual thread of its own, so a target pausing
 * before its next attempt holds no platform thread and no other target waits for it to get one.
 */
public final class CertificateFetcher implements AutoCloseable {

	/** A host name as RFC 1123 writes it, which every TLS server takes in SNI; a trailing dot is dropped. */
	private static final Pattern LETTERS_DIGITS_HYPHENS = Pattern.compile("[A-Za-z0-9.-]+");

	private final FetchSettings settings;

	// closes the sockets of visits whose STARTTLS dialogue or handshake overruns its deadline
	private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().daemon().name("tls-deadline").factory());

	private final AddressGates gates;

	public CertificateFetcher(FetchSettings settings) {
		this.settings = settings;
		this.gates = new AddressGates(settings.politeness());
	}

	public ProbeResult fetch(Target target) {
		return fetch(target, Offer.EVERYTHING);
	}

	/**
	 * A server with both an ECDSA and an RSA certificate gives the RSA one only to clients that cannot
	 * take ECDSA, and that one can expire unseen: after an ECDSA leaf, one more visit offers RSA alone.
	 * @return that visit, when it brought back another leaf
	 */
	public Optional<ProbeResult> rsaSecondLook(Target target, ProbeResult first) {
		if (!this.settings.rsaSecondLook() || first.outcome() != ProbeOutcome.FETCHED || first.chain().isEmpty()
				|| !"EC".equals(first.chain().getFirst().getPublicKey().getAlgorithm())) {
			return Optional.empty();
		}
		ProbeResult rsa = fetch(target, Offer.RSA_ONLY);
		boolean anotherLeaf = rsa.outcome() == ProbeOutcome.FETCHED && !rsa.chain().isEmpty()
				&& !rsa.chain().getFirst().equals(first.chain().getFirst());
		return anotherLeaf ? Optional.of(rsa) : Optional.empty();
	}

	/**
	 * What a visit offers the server.
	 * @param serverName whether the name goes out as SNI
	 * @param rsaOnly whether only RSA signatures and suites are offered, as an old client would
	 */
	private record Offer(boolean serverName, boolean rsaOnly) {

		static final Offer EVERYTHING = new Offer(true, false);

		static final Offer RSA_ONLY = new Offer(true, true);

		Offer withoutServerName() {
			return new Offer(false, this.rsaOnly);
		}

	}

	private ProbeResult fetch(Target target, Offer offer) {
		FetchSettings.Retries retries = this.settings.retries();
		ProbeResult result = attempt(target, offer);
		int attempts = 1;
		while (result.outcome().transientFailure() && attempts <= retries.count()) {
			try {
				Thread.sleep(retries.delayBefore(attempts));
			}
			catch (InterruptedException ex) {
				// the run is stopping: report what the attempts so far found
				Thread.currentThread().interrupt();
				break;
			}
			result = attempt(target, offer);
			attempts++;
		}
		return result.afterAttempts(attempts);
	}

	/**
	 * One visit, with the name as SNI. Java servers refuse a name they cannot parse, such as one with an
	 * underscore (OpenSSL and browsers send it); such a name gets a second visit without SNI, whose
	 * handshake records that no name was sent, so a mismatch is not blamed on the certificate alone.
	 */
	private ProbeResult attempt(Target target, Offer offer) {
		ProbeResult result = visitOnce(target, offer);
		if (result.outcome() == ProbeOutcome.HANDSHAKE_FAILED && !IpLiterals.isIpLiteral(target.host())
				&& !LETTERS_DIGITS_HYPHENS.matcher(target.host()).matches()) {
			ProbeResult withoutName = visitOnce(target, offer.withoutServerName());
			return (withoutName.outcome() == ProbeOutcome.FETCHED) ? withoutName : result;
		}
		return result;
	}

	private ProbeResult visitOnce(Target target, Offer offer) {
		Instant started = Instant.now();
		InetAddress address;
		try {
			address = resolve(target);
		}
		catch (UnknownHostException ex) {
			return ProbeResult.failed(null, ProbeOutcome.DNS_FAILURE, "cannot resolve " + target.host(), started);
		}
		String addressText = IpLiterals.text(address);
		AddressGates.Pass pass;
		try {
			pass = this.gates.enter(address);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ProbeResult.failed(addressText, ProbeOutcome.IO_ERROR, "the run stopped before the visit", started);
		}
		try (pass) {
			// the visit's time starts when the address lets it in, not while it queued behind others
			ProbeResult result = connectAndVisit(target, address, Instant.now(), offer);
			if (result.outcome().saidTryLater()) {
				pass.slowDown(result.detail());
			}
			return result;
		}
	}

	private ProbeResult connectAndVisit(Target target, InetAddress address, Instant started,
			Offer offer) {
		String addressText = IpLiterals.text(address);
		try (Socket plain = new Socket()) {
			// a TLS 1.2 client's second flight is three records in three writes: with Nagle's algorithm the
			// later ones wait out the server's delayed acknowledgement, some 40 ms a handshake
			plain.setTcpNoDelay(true);
			plain.connect(new InetSocketAddress(address, target.port()),
					(int) this.settings.connectTimeout().toMillis());
			return visit(target, plain, addressText, started, offer);
		}
		catch (StartTlsFailure ex) {
			return ProbeResult.failed(addressText, ex.outcome(), ex.getMessage(), started);
		}
		catch (IOException | RuntimeException ex) {
			return ProbeResult.failed(addressText, classify(ex), describe(ex), started);
		}
	}

	/**
	 * How many connections the fetcher opens to {@code address} at once from now on: the politeness
	 * setting, or fewer once the address has said "try later".
	 */
	int connectionsAllowedTo(InetAddress address) {
		return this.gates.limit(address);
	}

	private static InetAddress resolve(Target target) throws UnknownHostException {
		return InetAddress.getByName((target.address() != null) ? target.address() : target.host());
	}

	/**
	 * Upgrades the connection if its protocol says so, then shakes hands, each stage within its own
	 * deadline: a mail server may hold its greeting back for longer than any sound handshake takes.
	 */
	private ProbeResult visit(Target target, Socket plain, String address, Instant started, Offer offer)
			throws IOException {
		Deadline deadline = null;
		try {
			if (target.protocol().startTls()) {
				deadline = new Deadline(this.deadlines, plain, target.protocol() + " STARTTLS",
						this.settings.dialogueTimeout());
				upgrade(target.protocol(), plain);
				if (!deadline.end()) {
					return deadline.stalled(address, started);
				}
			}
			deadline = new Deadline(this.deadlines, plain, "TLS handshake", this.settings.handshakeTimeout());
			return handshake(target, plain, address, started, offer);
		}
		catch (IOException ex) {
			if (deadline != null && deadline.ranOut(ex)) {
				return deadline.stalled(address, started);
			}
			throw ex;
		}
		finally {
			if (deadline != null) {
				deadline.end();
			}
		}
	}

	private static void upgrade(Protocol protocol, Socket plain) throws IOException {
		BufferedInputStream in = new BufferedInputStream(plain.getInputStream());
		StartTlsDialect.of(protocol).upgrade(in, plain.getOutputStream());
		// TLS reads the socket itself, so bytes buffered past the server's agreement would vanish; a server
		// speaks only after the ClientHello, so any such bytes break the protocol
		if (in.available() > 0) {
			throw StartTlsFailure.unintelligible(protocol.name(), "data after agreeing to STARTTLS");
		}
	}

	/**
	 * Shakes hands on the connected socket and keeps what the server sent. Every handshake is a full one,
	 * never a resumption, so the chain is what the server presents now rather than one remembered from an
	 * earlier visit to the name or to another of its addresses. An IP literal is sent without SNI, as
	 * RFC 6066 section 3 demands.
	 */
	private ProbeResult handshake(Target target, Socket plain, String address, Instant started,
			Offer offer) throws IOException {
		String serverName = (offer.serverName() && !IpLiterals.isIpLiteral(target.host())) ? target.host() : null;
		CapturingTlsClient.Capture capture = CapturingTlsClient.handshake(plain, serverName,
				this.settings.maxChainLength(), offer.rsaOnly());
		return new ProbeResult(address, ProbeOutcome.FETCHED, null, capture.chain(), capture.handshake(), started,
				ProbeResult.elapsedSince(started));
	}

	private static ProbeOutcome classify(Exception ex) {
		if (ex instanceof ConnectException || ex instanceof NoRouteToHostException) {
			return ProbeOutcome.REFUSED;
		}
		if (ex instanceof SocketTimeoutException) {
			return ProbeOutcome.TIMEOUT;
		}
		if (ex instanceof CapturingTlsClient.NotTlsException) {
			return ProbeOutcome.NOT_TLS;
		}
		if (ex instanceof TlsFatalAlert || ex instanceof TlsFatalAlertReceived) {
			return ProbeOutcome.HANDSHAKE_FAILED;
		}
		if (ex instanceof EOFException) {
			return ProbeOutcome.HANDSHAKE_FAILED;
		}
		return ProbeOutcome.IO_ERROR;
	}

	private static String describe(Exception ex) {
		if (ex instanceof IOException io) {
			return CapturingTlsClient.describe(io);
		}
		String message = ex.getMessage();
		return (message == null || message.isBlank()) ? ex.getClass().getSimpleName() : message;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// the probe reports the timeout; nothing more to do with this socket
		}
	}

	@Override
	public void close() {
		this.deadlines.shutdownNow();
	}

	/**
	 * The time one stage of a visit has in all. The socket's read timeout bounds each read, and a timer
	 * closes the socket once the whole stage overruns: a per-read timeout alone lets a peer that drips
	 * one byte at a time hold a probe for ever.
	 */
	private static final class Deadline {

		private final String stage;

		private final Duration timeout;

		private final ScheduledFuture<?> timer;

		// whichever comes first, the stage's end or the timer, settles whether the stage overran
		private boolean settled;

		private boolean overran;

		Deadline(ScheduledExecutorService timers, Socket socket, String stage, Duration timeout) throws IOException {
			this.stage = stage;
			this.timeout = timeout;
			socket.setSoTimeout((int) timeout.toMillis());
			this.timer = timers.schedule(() -> expire(socket), timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

		private synchronized void expire(Socket socket) {
			if (!this.settled) {
				this.settled = true;
				this.overran = true;
				closeQuietly(socket);
			}
		}

		/** Ends the stage; false when the timer had closed the socket first. */
		boolean end() {
			this.timer.cancel(false);
			synchronized (this) {
				this.settled = true;
				return !this.overran;
			}
		}

		/** Whether {@code failure} is the stage running out of time rather than the peer's answer. */
		boolean ranOut(IOException failure) {
			return !end() || failure instanceof SocketTimeoutException;
		}

		ProbeResult stalled(String address, Instant started) {
			return ProbeResult.failed(address, ProbeOutcome.STALLED,
					this.stage + " did not finish within " + this.timeout.toMillis() + " ms", started);
		}

	}

}
