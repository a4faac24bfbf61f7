package dev.certaudit.notify;

import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The mail addresses of an inventory's {@code contact=} label: one address, or several separated by
 * commas ({@code contact=pki@example.com,vendor@example.net}), each with a domain (RFC 5322 3.4).
 */
final class ContactAddresses {

	private ContactAddresses() {
	}

	/** @throws AddressException saying what is wrong with the first address that is not one */
	static List<InternetAddress> parse(String label) throws AddressException {
		InternetAddress[] addresses = InternetAddress.parse(label, true);
		if (addresses.length == 0) {
			throw new AddressException("no address", label);
		}
		for (InternetAddress address : addresses) {
			address.validate();
		}
		return List.of(addresses);
	}

}
