package dev.certaudit.inventory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a client reaches TLS on an endpoint: from the first byte, or by upgrading a plain-text session
 * with the service's own STARTTLS command.
 */
public enum Protocol {

	/** TLS from the first byte (HTTPS, SMTPS, submissions, IMAPS, POP3S, LDAPS, FTPS ...). */
	TLS,
	/** SMTP with EHLO then STARTTLS (RFC 3207). */
	SMTP,
	/** IMAP with STARTTLS (RFC 9051 section 6.2.1). */
	IMAP,
	/** POP3 with STLS (RFC 2595 section 4). */
	POP3,
	/** FTP with AUTH TLS (RFC 4217 section 4). */
	FTP,
	/** LDAP with the StartTLS extended operation (RFC 4511 section 4.14). */
	LDAP,
	/**
	 * Not a network protocol: a certificate file audited beside the hosts, its path in place of the host
	 * and no port. No inventory line can name it; only {@code --certs} makes such targets.
	 */
	FILE;

	/** A service name an inventory may use, with the protocol it speaks and the port it usually has. */
	public record Service(Protocol protocol, int defaultPort) {
	}

	// IANA service names and ports; the implicit-TLS variants are plain TLS to a client
	private static final Map<String, Service> SERVICES = new LinkedHashMap<>();

	static {
		SERVICES.put("tls", new Service(TLS, 443));
		SERVICES.put("https", new Service(TLS, 443));
		SERVICES.put("smtps", new Service(TLS, 465));
		SERVICES.put("submissions", new Service(TLS, 465));
		SERVICES.put("imaps", new Service(TLS, 993));
		SERVICES.put("pop3s", new Service(TLS, 995));
		SERVICES.put("ldaps", new Service(TLS, 636));
		SERVICES.put("ftps", new Service(TLS, 990));
		SERVICES.put("smtp", new Service(SMTP, 25));
		SERVICES.put("submission", new Service(SMTP, 587));
		SERVICES.put("imap", new Service(IMAP, 143));
		SERVICES.put("pop3", new Service(POP3, 110));
		SERVICES.put("ftp", new Service(FTP, 21));
		SERVICES.put("ldap", new Service(LDAP, 389));
	}

	public boolean startTls() {
		return this != TLS && this != FILE;
	}

	public static Optional<Service> service(String name) {
		return Optional.ofNullable(SERVICES.get(name.toLowerCase(Locale.ROOT)));
	}

	public static String knownNames() {
		return String.join(", ", SERVICES.keySet());
	}

}
