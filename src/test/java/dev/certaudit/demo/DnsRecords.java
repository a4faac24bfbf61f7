package dev.certaudit.demo;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

/** Records for test zones, written the way a zone file reads; names are fully qualified without the dot. */
public final class DnsRecords {

	private static final long TTL = 300;

	private DnsRecords() {
	}

	public static Name name(String text) {
		return Name.fromConstantString(text + ".");
	}

	public static ARecord a(String owner, String address) {
		return new ARecord(name(owner), DClass.IN, TTL, literal(address));
	}

	public static AAAARecord aaaa(String owner, String address) {
		return new AAAARecord(name(owner), DClass.IN, TTL, literal(address));
	}

	public static CNAMERecord cname(String owner, String target) {
		return new CNAMERecord(name(owner), DClass.IN, TTL, name(target));
	}

	public static TXTRecord txt(String owner, String text) {
		return new TXTRecord(name(owner), DClass.IN, TTL, text);
	}

	public static MXRecord mx(String owner, int preference, String exchange) {
		return new MXRecord(name(owner), DClass.IN, TTL, preference, name(exchange));
	}

	private static InetAddress literal(String address) {
		try {
			// parses the literal itself: never a lookup
			return Address.getByAddress(address);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("not an address literal: " + address, ex);
		}
	}

}
