package dev.certaudit.discovery;

import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.Credibility;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;

import dev.certaudit.inventory.IpLiterals;

/**
 * Resolves host names to the addresses an audit should visit, as the machine would: from the hosts file
 * when it lists the name, else from DNS. Uses dnsjava rather than the JVM's resolver so that a run can
 * ask the organisation's own servers, report the CNAME chain, and tell a name that does not exist from a
 * server that did not answer. One instance serves a whole run from many threads: its single cache means
 * a CNAME target shared by many names is asked for once.
 */
public final class NameResolver implements AutoCloseable {

	private final ExecutorService continuations = Executors.newVirtualThreadPerTaskExecutor();

	private final Cache cache = new Cache(DClass.IN);

	private final LookupSession session;

	private final HostsFile hostsFile;

	public NameResolver(DnsSettings settings) {
		this.hostsFile = settings.hostsFile();
		List<InetSocketAddress> servers = settings.servers().isEmpty() ? ResolverConfig.getCurrentConfig().servers()
				: settings.servers();
		if (servers.isEmpty()) {
			throw new IllegalStateException("No DNS servers configured, and the system names none");
		}
		ExtendedResolver resolver = new ExtendedResolver(
				servers.stream().<Resolver>map((server) -> new PunctualResolver(server, settings.timeout())).toList());
		int attemptsPerServer = settings.retries() + 1;
		// dnsjava's "retries" counts every attempt at a server, the first one included
		resolver.setRetries(attemptsPerServer);
		// its own timeout bounds the whole resolution; leave room for every attempt at every server
		resolver.setTimeout(settings.timeout().multipliedBy((long) attemptsPerServer * servers.size() + 1));
		// builder(), not defaultBuilder(): no search path; and resolve() reads the hosts file itself, since
		// dnsjava's reader gives one address per name and family (see HostsFile)
		this.session = LookupSession.builder()
			.resolver(resolver)
			.cache(this.cache)
			.executor(this.continuations)
			.build();
	}

	/**
	 * Takes a name's addresses from the hosts file when it lists the name, else looks up A and AAAA at
	 * once; never throws, every problem is a {@link NameResolution.Outcome}.
	 */
	public NameResolution resolve(String name) {
		if (IpLiterals.isIpLiteral(name)) {
			return NameResolution.literal(name);
		}
		Name absolute;
		try {
			// inventory names are fully qualified: no search domain may turn "www" into someone else's host
			absolute = Name.fromString(name, Name.root);
		}
		catch (TextParseException ex) {
			return NameResolution.failed(name, List.of(), "not a DNS name: " + ex.getMessage());
		}
		// glibc with "hosts: files dns" asks DNS nothing about a listed name, not even the family the file
		// leaves out: the machine connects to the listed addresses alone, and so does the audit
		Optional<List<String>> listed = this.hostsFile.addresses(absolute);
		if (listed.isPresent()) {
			return NameResolution.inHostsFile(name, listed.get());
		}
		CompletableFuture<Answer> ipv4 = lookup(absolute, Type.A);
		CompletableFuture<Answer> ipv6 = lookup(absolute, Type.AAAA);
		return combine(name, absolute, ipv4.join(), ipv6.join());
	}

	private CompletableFuture<Answer> lookup(Name name, int type) {
		return this.session.lookupAsync(name, type)
			.toCompletableFuture()
			.handle((result, failure) -> answer(type, result, failure));
	}

	private static Answer answer(int type, LookupResult result, Throwable failure) {
		if (failure == null) {
			return new Answer.Records(result.getRecords(), aliasChain(result));
		}
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return switch (cause) {
			case NoSuchDomainException ex -> new Answer.NoSuchName();
			// a NODATA answer comes back as an empty result from the server, but as this from the cache
			case NoSuchRRSetException ex -> new Answer.Records(List.of(), List.of());
			case ServerFailedException ex -> new Answer.Failure(type, "SERVFAIL");
			case LookupFailedException ex -> new Answer.Failure(type, responseCode(ex));
			default -> new Answer.Failure(type, (cause.getMessage() != null) ? cause.getMessage() : cause.toString());
		};
	}

	/**
	 * The response code a server failed with, as RFC 1035 section 4.1.1 names it (REFUSED, NOTIMP ...):
	 * dnsjava gives codes other than NXDOMAIN and SERVFAIL only in its message ("Unknown non-success error
	 * code REFUSED"). Any other failure is told by its message.
	 */
	private static String responseCode(LookupFailedException failure) {
		String message = String.valueOf(failure.getMessage());
		String lastWord = message.substring(message.lastIndexOf(' ') + 1);
		return (Rcode.value(lastWord) >= 0) ? lastWord : message;
	}

	private static List<String> aliasChain(LookupResult result) {
		if (result.getAliases().isEmpty() || result.getRecords().isEmpty()) {
			return List.of();
		}
		List<String> chain = new ArrayList<>(result.getAliases().stream().map(NameResolver::text).toList());
		chain.add(text(result.getRecords().getFirst().getName()));
		return chain;
	}

	/**
	 * One family's failure does not hide the other's addresses: clients connect to whatever addresses they
	 * are given, so those are audited, and what went unanswered is noted with them (servers that fail AAAA
	 * queries while answering A are common enough to have RFC 4074). A name is FAILED only when nothing
	 * was learnt: both families failed, or one failed and the other holds no records.
	 */
	private NameResolution combine(String name, Name absolute, Answer ipv4, Answer ipv6) {
		List<Answer.Failure> failures = Stream.of(ipv4, ipv6)
			.filter(Answer.Failure.class::isInstance)
			.map(Answer.Failure.class::cast)
			.toList();
		List<Answer.Records> found = Stream.of(ipv4, ipv6)
			.filter(Answer.Records.class::isInstance)
			.map(Answer.Records.class::cast)
			.filter((records) -> !records.records().isEmpty())
			.toList();
		if (!found.isEmpty()) {
			List<String> addresses = found.stream()
				.flatMap((records) -> records.records().stream())
				.map(NameResolver::addressText)
				.distinct()
				.toList();
			String unanswered = failures.stream().map(Answer.Failure::note).findFirst().orElse(null);
			return NameResolution.found(name, found.getFirst().aliasChain(), addresses, unanswered);
		}
		// NXDOMAIN says the name does not exist, whatever the type asked (RFC 1035 section 4.1.1), so the
		// other family's failure cannot hide an address
		if (ipv4 instanceof Answer.NoSuchName || ipv6 instanceof Answer.NoSuchName) {
			return NameResolution.notFound(name, cachedAliasChain(absolute), "NXDOMAIN");
		}
		if (!failures.isEmpty()) {
			return NameResolution.failed(name, cachedAliasChain(absolute), failures.getFirst().reason());
		}
		return NameResolution.notFound(name, cachedAliasChain(absolute), "no A or AAAA records");
	}

	/**
	 * The chain a failed lookup followed, read back from the cache because dnsjava reports aliases only
	 * with records. A CNAME that leads nowhere is worth seeing: its target may be free for anyone to claim.
	 */
	private List<String> cachedAliasChain(Name name) {
		List<String> chain = new ArrayList<>();
		Name current = name;
		SetResponse cached = this.cache.lookupRecords(current, Type.A, Credibility.NORMAL);
		while (cached.isCNAME() && chain.size() < LookupSession.DEFAULT_MAX_ITERATIONS) {
			chain.add(text(current));
			current = cached.getCNAME().getTarget();
			cached = this.cache.lookupRecords(current, Type.A, Credibility.NORMAL);
		}
		if (!chain.isEmpty()) {
			chain.add(text(current));
		}
		return chain;
	}

	private static String addressText(Record record) {
		return switch (record) {
			case ARecord a -> IpLiterals.text(a.getAddress());
			case AAAARecord aaaa -> IpLiterals.text(aaaa.getAddress());
			default -> throw new IllegalStateException("not an address record: " + record);
		};
	}

	private static String text(Name name) {
		return name.toString(true);
	}

	/** Stops dnsjava's callbacks; call once no {@link #resolve} is still running. */
	@Override
	public void close() {
		this.continuations.close();
	}

	/**
	 * Asks one server and gives up on time. dnsjava looks at its own timeouts only once its selector has
	 * been idle for up to a second (dnsjava issue #273), so a 300 ms timeout could take a second and use
	 * up the whole budget before any retry.
	 */
	private static final class PunctualResolver extends SimpleResolver {

		PunctualResolver(InetSocketAddress server, Duration timeout) {
			super(server);
			setTimeout(timeout);
		}

		@Override
		public CompletionStage<Message> sendAsync(Message query, Executor executor) {
			CompletableFuture<Message> answer = super.sendAsync(query, executor).toCompletableFuture();
			long millis = getTimeout().toMillis();
			String server = IpLiterals.withPort(getAddress().getAddress(), getAddress().getPort());
			CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)
				.execute(() -> answer.completeExceptionally(
						new SocketTimeoutException("no answer from " + server + " within " + millis + " ms")));
			return answer;
		}

	}

	/** What one record type said about a name. */
	private sealed interface Answer {

		/** Possibly no records: the name exists without this type (NODATA). */
		record Records(List<Record> records, List<String> aliasChain) implements Answer {
		}

		record NoSuchName() implements Answer {
		}

		record Failure(int type, String reason) implements Answer {

			/** e.g. {@code AAAA lookup failed: REFUSED} */
			String note() {
				return Type.string(this.type) + " lookup failed: " + this.reason;
			}

		}

	}

}
