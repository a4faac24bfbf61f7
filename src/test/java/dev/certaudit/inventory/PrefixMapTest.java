package dev.certaudit.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PrefixMapTest {

	@TempDir
	Path directory;

	private Path write(String text) throws IOException {
		return Files.writeString(this.directory.resolve("prefixes.txt"), text);
	}

	@Test
	void servicesGetTheirUsualPortOrTheOneGiven() throws IOException {
		PrefixMap map = PrefixMap.read(write("# comment\n@ https\nmail smtp submission imaps\n\nsip https tls:5061\n"));

		assertThat(map.prefixes()).containsExactly("@", "mail", "sip");
		assertThat(map.services("mail")).containsExactly(new ServicePort(Protocol.SMTP, 25),
				new ServicePort(Protocol.SMTP, 587), new ServicePort(Protocol.TLS, 993));
		assertThat(map.services("SIP")).containsExactly(new ServicePort(Protocol.TLS, 443),
				new ServicePort(Protocol.TLS, 5061));
		assertThat(map.services("unknown")).isEmpty();
	}

	@Test
	void prefixListInAnotherEncodingThanUtf8IsRefusedNamingLineAndByte() throws IOException {
		Path file = Files.write(this.directory.resolve("prefixes.txt"),
				"@ https\n# f\u00fcr den Vertrieb\ncrm https\n".getBytes(StandardCharsets.ISO_8859_1));

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> PrefixMap.read(file))
			.withMessage(file + ":2: byte 0xFC is not UTF-8; save the file as UTF-8");
	}

	@Test
	void shippedPrefixListCoversTheServicesOperatorsForget() {
		PrefixMap map = PrefixMap.read(Path.of("jobs", "prefixes.txt"));

		assertThat(map.prefixes()).contains("@", "remote", "mail", "webmail", "owa", "autodiscover", "vpn", "sslvpn",
				"gateway", "portal", "sso", "adfs", "crm", "app", "voice", "sip", "secure", "billing", "smtp", "imap",
				"pop", "ftp", "www");
		assertThat(map.services("mail")).contains(new ServicePort(Protocol.SMTP, 25), new ServicePort(Protocol.SMTP, 587),
				new ServicePort(Protocol.TLS, 465), new ServicePort(Protocol.TLS, 993), new ServicePort(Protocol.TLS, 995),
				new ServicePort(Protocol.IMAP, 143), new ServicePort(Protocol.POP3, 110));
	}

	@Test
	void unknownServiceIsAnErrorWithFileAndLine() throws IOException {
		Path file = write("www https\nmail smpt\n");

		assertThatExceptionOfType(InventoryLineException.class).isThrownBy(() -> PrefixMap.read(file))
			.withMessage(file + ":2: unknown service 'smpt' (known: " + Protocol.knownNames() + ")");
	}

	@Test
	void prefixWithoutServiceOrTwiceOrBadPortIsAnError() throws IOException {
		Path lonely = write("vpn\n");
		assertThatExceptionOfType(InventoryLineException.class).isThrownBy(() -> PrefixMap.read(lonely))
			.withMessage(lonely + ":1: prefix 'vpn' lists no service");
		Path twice = write("vpn https\nvpn https:8443\n");
		assertThatExceptionOfType(InventoryLineException.class).isThrownBy(() -> PrefixMap.read(twice))
			.withMessage(twice + ":2: prefix 'vpn' is listed twice");
		Path badPort = write("vpn https:99999\n");
		assertThatExceptionOfType(InventoryLineException.class).isThrownBy(() -> PrefixMap.read(badPort))
			.withMessage(badPort + ":1: port in 'https:99999' is not a number from 1 to 65535");
	}

}
