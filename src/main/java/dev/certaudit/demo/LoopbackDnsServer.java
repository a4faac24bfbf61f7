package dev.certaudit.demo;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Type;
import org.xbill.DNS.Zone;

/**
 * An authoritative DNS server on a loopback port, over UDP and TCP, serving the zones it is given. Used
 * by the demo and the tests so that no name is ever looked up outside the machine. It answers as RFC 1034
 * section 4.3.2 asks of an authoritative server: CNAMEs are chased while their targets stay in the same
 * zone (a resolver follows the rest), a missing name is NXDOMAIN and a missing type an empty NOERROR, both
 * carrying the zone's SOA (RFC 2308); names outside every zone are REFUSED. It can also be told to
 * misbehave for one name and type, as the servers of RFC 4074 do for AAAA.
 */
public final class LoopbackDnsServer implements AutoCloseable {

	// what a client may receive over UDP unless its EDNS record offers more (RFC 1035 section 4.2.1)
	private static final int PLAIN_UDP_LIMIT = 512;

	private static final int BIND_ATTEMPTS = 10;

	private static final Duration RELEASE_WAIT = Duration.ofSeconds(5);

	private final List<Zone> zones;

	/** Stands for silence among {@link #failures}: no answer at all. */
	private static final int NO_ANSWER = -1;

	/** Answers given in place of the zones' for a name and type: "NAME TYPE" to the response code. */
	private final Map<String, Integer> failures = new ConcurrentHashMap<>();

	private final DatagramChannel udp;

	private final ServerSocketChannel tcp;

	private final ExecutorService tcpConnections = Executors.newVirtualThreadPerTaskExecutor();

	private final Thread udpListener;

	private final Thread tcpListener;

	private LoopbackDnsServer(List<Zone> zones, DatagramChannel udp, ServerSocketChannel tcp) {
		// the most specific zone first, so a child zone served here wins over its parent
		this.zones = zones.stream()
			.sorted(Comparator.comparingInt((Zone zone) -> zone.getOrigin().labels()).reversed())
			.toList();
		this.udp = udp;
		this.tcp = tcp;
		this.udpListener = Thread.ofVirtual().name("dns-udp-" + port()).start(this::serveUdp);
		this.tcpListener = Thread.ofVirtual().name("dns-tcp-" + port()).start(this::acceptTcp);
	}

	/**
	 * Starts serving {@code zones} on 127.0.0.1.
	 * @param port the port to bind for both UDP and TCP, or 0 for an ephemeral one
	 */
	public static LoopbackDnsServer start(int port, List<Zone> zones) throws IOException {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		for (int attempt = 1;; attempt++) {
			DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress(loopback, port));
			int boundPort = ((InetSocketAddress) udp.getLocalAddress()).getPort();
			try {
				// resolvers retry a truncated UDP answer over TCP at the same port number
				ServerSocketChannel tcp = ServerSocketChannel.open().bind(new InetSocketAddress(loopback, boundPort));
				return new LoopbackDnsServer(List.copyOf(zones), udp, tcp);
			}
			catch (BindException ex) {
				udp.close();
				if (port != 0 || attempt == BIND_ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	public static LoopbackDnsServer start(int port, Zone... zones) throws IOException {
		return start(port, Arrays.asList(zones));
	}

	/** Starts serving one zone read from a master file (RFC 1035 section 5) whose origin is {@code origin}. */
	public static LoopbackDnsServer start(int port, Path zoneFile, String origin) throws IOException {
		return start(port, new Zone(Name.fromString(origin, Name.root), zoneFile.toString()));
	}

	/**
	 * A zone holding {@code records}, given the SOA and NS records every zone needs at its apex when
	 * {@code records} has none, so a test lists only the names it is about.
	 */
	public static Zone zone(String origin, List<Record> records) throws IOException {
		Name apex = Name.fromString(origin, Name.root);
		Name nameServer = Name.concatenate(Name.fromConstantString("ns"), apex);
		List<Record> all = new ArrayList<>(records);
		if (records.stream().noneMatch((record) -> record.getType() == Type.SOA)) {
			all.add(new SOARecord(apex, DClass.IN, 3600, nameServer,
					Name.concatenate(Name.fromConstantString("hostmaster"), apex), 1, 3600, 600, 86400, 300));
		}
		if (records.stream().noneMatch((record) -> record.getType() == Type.NS && record.getName().equals(apex))) {
			all.add(new NSRecord(apex, DClass.IN, 3600, nameServer));
		}
		return new Zone(apex, all.toArray(Record[]::new));
	}

	/**
	 * From now on answers every query for {@code name} and {@code type} with {@code rcode} and nothing
	 * else, as old appliances and forwarders answer AAAA queries they do not understand (RFC 4074
	 * section 3: REFUSED, SERVFAIL, NOTIMP, or NXDOMAIN for a name that exists).
	 * @param name fully qualified, without the trailing dot
	 */
	public void failQueries(String name, int type, int rcode) {
		this.failures.put(failureKey(Name.fromConstantString(name + "."), type), rcode);
	}

	/** From now on never answers queries for {@code name} and {@code type} (RFC 4074 section 3.1). */
	public void ignoreQueries(String name, int type) {
		this.failures.put(failureKey(Name.fromConstantString(name + "."), type), NO_ANSWER);
	}

	private static String failureKey(Name name, int type) {
		return name.canonicalize() + " " + Type.string(type);
	}

	public int port() {
		return this.udp.socket().getLocalPort();
	}

	/** Where to send queries, for a resolver's server list. */
	public InetSocketAddress address() {
		return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
	}

	private void serveUdp() {
		ByteBuffer datagram = ByteBuffer.allocate(Message.MAXLENGTH);
		while (true) {
			SocketAddress client;
			try {
				datagram.clear();
				client = this.udp.receive(datagram);
			}
			catch (IOException ex) {
				// closed by close()
				return;
			}
			datagram.flip();
			byte[] wire = new byte[datagram.remaining()];
			datagram.get(wire);
			respond(wire).ifPresent((response) -> {
				try {
					this.udp.send(ByteBuffer.wrap(response.answer().toWire(response.udpLimit())), client);
				}
				catch (IOException ex) {
					// a client that went away is its own problem; the next receive notices a close()
				}
			});
		}
	}

	private void acceptTcp() {
		while (true) {
			try {
				SocketChannel connection = this.tcp.accept();
				this.tcpConnections.submit(() -> serveTcp(connection));
			}
			catch (IOException ex) {
				// closed by close()
				return;
			}
		}
	}

	private void serveTcp(SocketChannel connection) {
		try (connection) {
			DataInputStream in = new DataInputStream(Channels.newInputStream(connection));
			DataOutputStream out = new DataOutputStream(Channels.newOutputStream(connection));
			// each message is framed by a two-byte length, and a client may send several (RFC 7766)
			while (true) {
				byte[] wire = in.readNBytes(in.readUnsignedShort());
				Optional<Response> response = respond(wire);
				if (response.isPresent()) {
					byte[] answer = response.get().answer().toWire();
					out.writeShort(answer.length);
					out.write(answer);
					out.flush();
				}
			}
		}
		catch (IOException ex) {
			// the client hung up, or close() interrupted the read
		}
	}

	/** The answer to one query, and how much of it fits in a UDP datagram; empty for what is not DNS or is ignored. */
	private Optional<Response> respond(byte[] wire) {
		Message query;
		try {
			query = new Message(wire);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		Record question = query.getQuestion();
		if (question != null
				&& this.failures.getOrDefault(failureKey(question.getName(), question.getType()), 0) == NO_ANSWER) {
			return Optional.empty();
		}
		Message answer = new Message(query.getHeader().getID());
		Header header = answer.getHeader();
		header.setFlag(Flags.QR);
		header.setOpcode(query.getHeader().getOpcode());
		if (query.getHeader().getFlag(Flags.RD)) {
			header.setFlag(Flags.RD);
		}
		int udpLimit = PLAIN_UDP_LIMIT;
		OPTRecord edns = query.getOPT();
		if (edns != null) {
			udpLimit = Math.max(PLAIN_UDP_LIMIT, edns.getPayloadSize());
			answer.addRecord(new OPTRecord(udpLimit, 0, 0), Section.ADDITIONAL);
		}
		if (question == null) {
			header.setRcode(Rcode.FORMERR);
		}
		else if (query.getHeader().getOpcode() != Opcode.QUERY) {
			header.setRcode(Rcode.NOTIMP);
		}
		else {
			answer.addRecord(question, Section.QUESTION);
			answerFromZones(question, answer);
		}
		return Optional.of(new Response(answer, udpLimit));
	}

	private void answerFromZones(Record question, Message answer) {
		Header header = answer.getHeader();
		Integer failure = this.failures.get(failureKey(question.getName(), question.getType()));
		if (failure != null) {
			header.setRcode(failure);
			return;
		}
		Optional<Zone> zone = zoneOf(question.getName());
		if (zone.isEmpty()) {
			header.setRcode(Rcode.REFUSED);
			return;
		}
		header.setFlag(Flags.AA);
		Name name = question.getName();
		Set<Name> visited = new HashSet<>();
		while (visited.add(name)) {
			SetResponse found = zone.get().findRecords(name, question.getType());
			if (found.isSuccessful()) {
				for (RRset set : found.answers()) {
					// rrs(false): the zone's order, not dnsjava's default rotation
					set.rrs(false).forEach((record) -> answer.addRecord(record, Section.ANSWER));
				}
				return;
			}
			if (found.isCNAME()) {
				answer.addRecord(found.getCNAME(), Section.ANSWER);
				name = found.getCNAME().getTarget();
				if (!zone.equals(zoneOf(name))) {
					// another zone's data: the resolver asks for it, as it would of a different server
					return;
				}
			}
			else if (found.isNXDOMAIN() || found.isNXRRSET()) {
				if (found.isNXDOMAIN()) {
					// after a CNAME too: the code speaks of the last name in the chain (RFC 6604)
					header.setRcode(Rcode.NXDOMAIN);
				}
				answer.addRecord(zone.get().getSOA(), Section.AUTHORITY);
				return;
			}
			else {
				// delegations and DNAMEs are beyond what the demo and test zones hold
				header.setRcode(Rcode.SERVFAIL);
				return;
			}
		}
		// a CNAME loop inside the zone: what was collected is the whole truthful answer
	}

	private Optional<Zone> zoneOf(Name name) {
		return this.zones.stream().filter((zone) -> name.subdomain(zone.getOrigin())).findFirst();
	}

	/** Stops answering and cuts open TCP connections; returns once the port is free to bind again. */
	@Override
	public void close() {
		try {
			this.udp.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
		try {
			this.tcp.close();
		}
		catch (IOException ex) {
			// nothing left to release
		}
		this.tcpConnections.shutdownNow();
		try {
			// a channel closed under a blocked receive or accept lets go of its port only when that call returns
			this.udpListener.join(RELEASE_WAIT);
			this.tcpListener.join(RELEASE_WAIT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Response(Message answer, int udpLimit) {
	}

}
