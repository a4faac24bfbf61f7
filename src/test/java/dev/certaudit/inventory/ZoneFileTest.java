package dev.certaudit.inventory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.certaudit.inventory.DomainListParser.DomainEntry;
import dev.certaudit.inventory.ZoneFile.ZoneName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class ZoneFileTest {

	private static final String SOA = "$TTL 300\n@ IN SOA ns hostmaster ( 1 3600 600 86400 300 )\n";

	@TempDir
	Path directory;

	@Test
	void addressAndAliasOwnersAreCandidatesOnceEachWithTheApexMarked() throws IOException {
		Path zone = Files.writeString(this.directory.resolve("example.test.zone"), """
				$TTL 300
				@        IN SOA ns hostmaster ( 1 3600 600 86400 300 )
				@        IN NS  ns
				@        IN A   192.0.2.1
				ns       IN A   192.0.2.53
				www      IN CNAME @
				mail     IN A   192.0.2.25
				mail     IN AAAA 2001:db8::25
				mail     IN MX  10 mail
				_sip._tcp IN SRV 0 0 5060 sip
				*.cdn    IN A   192.0.2.80
				""");

		List<ZoneName> names = names(zone);

		assertThat(names).extracting(ZoneName::name)
			.containsExactly("example.test", "ns.example.test", "www.example.test", "mail.example.test");
		assertThat(names.get(0).apex()).isTrue();
		assertThat(names.get(3).apex()).isFalse();
		assertThat(names.get(3).firstLabel()).isEqualTo("mail");
	}

	@Test
	void originLineWinsOverTheFileName() throws IOException {
		Path zone = Files.writeString(this.directory.resolve("db.internal"), """
				$ORIGIN corp.example.test.
				$TTL 300
				@     IN SOA ns hostmaster ( 1 3600 600 86400 300 )
				vpn   IN A 192.0.2.10
				""");

		assertThat(names(zone)).containsExactly(new ZoneName("vpn.corp.example.test", "corp.example.test", false));
	}

	@Test
	void syntaxErrorNamesFileAndLine() throws IOException {
		Path zone = Files.writeString(this.directory.resolve("broken.test.zone"),
				"$TTL 300\n@ IN SOA ns hostmaster 1 3600 600 86400 300\nwww IN A not-an-address\n");

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> names(zone))
			.withMessageStartingWith(zone + ":3: ");
	}

	@Test
	void includeIsRefusedUnlessAllowed() throws IOException {
		write("hosts.inc", "intranet IN A 192.0.2.7 ; hunter2\n");
		Path zone = write("example.test.zone", SOA + "$INCLUDE hosts.inc\nwww IN A 192.0.2.1\n");

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> names(zone))
			.withMessage(zone + ":3: $INCLUDE is refused; set cert-audit.zone.allow-include=true to read included"
					+ " files, from below the zone file's folder only");
	}

	@Test
	void includeBelowTheZoneFolderIsReadWhenAllowedAndTheOriginComesBack() throws IOException {
		write("inc/web.inc", "portal IN A 192.0.2.10\n$ORIGIN shop.example.test.\ncart IN A 192.0.2.11\n");
		write("common.inc", "vpn IN A 192.0.2.20\n");
		Path zone = write("example.test.zone", SOA + "$INCLUDE inc/web.inc\nwww IN A 192.0.2.1\n"
				+ "$INCLUDE common.inc branch.example.test.\n$INCLUDE \"common.inc\"\nmail IN A 192.0.2.25\n");

		assertThat(names(zone, new ZoneSettings(true, 100))).extracting(ZoneName::name)
			.containsExactly("portal.example.test", "cart.shop.example.test", "www.example.test",
					"vpn.branch.example.test", "vpn.example.test", "mail.example.test");
	}

	@Test
	void linesAfterAnIncludeAreCountedInTheirOwnFile() throws IOException {
		write("web.inc", "portal IN A 192.0.2.10\nshop IN A 192.0.2.11\n");
		Path zone = write("example.test.zone", SOA + "$INCLUDE web.inc\nwww IN A 192.0.2.1\nmail IN A 300.1.2.3\n");

		assertThatExceptionOfType(InventoryFileException.class)
			.isThrownBy(() -> names(zone, new ZoneSettings(true, 100)))
			.withMessage(zone + ":5: Invalid address: 300.1.2.3");
	}

	@Test
	void zoneThatIncludesItselfIsRefused() throws IOException {
		Path zone = write("example.test.zone", SOA + "$INCLUDE example.test.zone\n");

		assertThatExceptionOfType(InventoryFileException.class)
			.isThrownBy(() -> names(zone, new ZoneSettings(true, 100)))
			.withMessage(zone + ":3: $INCLUDE 'example.test.zone' would include a file that includes it:"
					+ " example.test.zone -> example.test.zone");
	}

	@Test
	void includeCycleThroughAnotherFileIsRefused() throws IOException {
		Path zone = write("example.test.zone", SOA + "$INCLUDE a.inc\n");
		write("a.inc", "www IN A 192.0.2.1\n$INCLUDE b.inc\n");
		write("b.inc", "; back to the start\n$INCLUDE a.inc\n");

		assertThatExceptionOfType(InventoryFileException.class)
			.isThrownBy(() -> names(zone, new ZoneSettings(true, 100)))
			.withMessage(realFolder().resolve("b.inc") + ":2: $INCLUDE would include a file that includes it:"
					+ " example.test.zone -> a.inc -> b.inc -> a.inc");
	}

	@Test
	void includeOutsideTheZoneFolderIsRefusedWithoutReadingIt() throws IOException {
		Path secret = Files.writeString(Files.createDirectories(this.directory.resolve("private")).resolve("password"),
				"hunter2\n");
		Path zones = Files.createDirectories(this.directory.resolve("zones"));
		Files.createSymbolicLink(zones.resolve("link.inc"), secret);
		Path zone = zones.resolve("example.test.zone");
		String outside = " is outside " + zones.toRealPath() + ", the zone file's folder; only files below it are included";

		for (String included : List.of("../private/password", "link.inc", "/etc/hosts")) {
			Files.writeString(zone, SOA + "$INCLUDE " + included + "\n");
			assertThatExceptionOfType(InventoryFileException.class)
				.isThrownBy(() -> names(zone, new ZoneSettings(true, 100)))
				.withMessage(zone + ":3: $INCLUDE '" + included + "'" + outside);
		}
	}

	@Test
	void includedFileThatDoesNotParseIsNotQuoted() throws IOException {
		write("secrets.inc", "db-password IN A hunter2\n");
		Path zone = write("example.test.zone", SOA + "$INCLUDE secrets.inc\n");

		assertThatExceptionOfType(InventoryFileException.class)
			.isThrownBy(() -> names(zone, new ZoneSettings(true, 100)))
			.withMessage(realFolder().resolve("secrets.inc") + ":1: not a zone file line (not quoted, as the file is"
					+ " included)");
	}

	@Test
	void generateOfBillionsOfRecordsIsRefusedBeforeOneIsMade() throws IOException {
		Path zone = write("example.test.zone", SOA + "www IN A 192.0.2.1\n$GENERATE 1-2147483647 host-$ A 192.0.2.2\n");

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> names(zone))
			.withMessage(zone + ":4: $GENERATE 1-2147483647 makes 2147483647 records, more than the 100000 a zone may"
					+ " have (cert-audit.zone.max-records)");
	}

	@Test
	void recordsBeyondTheLimitAreRefusedWhereTheLimitIsPassed() throws IOException {
		Path zone = write("example.test.zone", SOA + "$GENERATE 1-600 a-$ A 192.0.2.1\n"
				+ "$GENERATE 1-600 b-$ A 192.0.2.2\nwww IN A 192.0.2.3\n");

		assertThatExceptionOfType(InventoryFileException.class)
			.isThrownBy(() -> names(zone, new ZoneSettings(false, 1000)))
			.withMessage(zone + ":4: more than 1000 records, the most a zone may have (cert-audit.zone.max-records)");
		assertThat(names(zone, new ZoneSettings(false, 1202))).hasSize(1201);
	}

	@Test
	void zoneSavedAsUtf16IsReadAndOneInWindows1252IsRefusedNamingTheByte() throws IOException {
		String text = "\uFEFF; Zone von M\u00fcller\r\n" + SOA.replace("\n", "\r\n") + "www IN A 192.0.2.1\r\n";
		Path zone = this.directory.resolve("example.test.zone");

		Files.write(zone, text.getBytes(StandardCharsets.UTF_16LE));
		assertThat(names(zone)).extracting(ZoneName::name).containsExactly("www.example.test");
		Files.write(zone, text.substring(1).getBytes(Charset.forName("windows-1252")));
		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> names(zone))
			.withMessage(zone + ":1: byte 0xFC is not UTF-8; save the file as UTF-8");
	}

	@Test
	void zoneNamesGetTheServicesOfTheirFirstLabelOrHttps() throws IOException {
		PrefixExpansion expansion = new PrefixExpansion(
				PrefixMap.read(Files.writeString(this.directory.resolve("p.txt"), "@ https\nmail smtp imaps\n")));

		assertThat(expansion.expand(new ZoneName("mail.example.test", "example.test", false), "z:mail"))
			.extracting(Target::port, Target::protocol)
			.containsExactly(tuple(25, Protocol.SMTP),
					tuple(993, Protocol.TLS));
		assertThat(expansion.expand(new ZoneName("intranet.example.test", "example.test", false), "z:intranet"))
			.extracting(Target::port)
			.containsExactly(443);
	}

	@Test
	void domainIsExpandedWithEveryPrefixAndKeepsItsLabels() throws IOException {
		PrefixExpansion expansion = new PrefixExpansion(
				PrefixMap.read(Files.writeString(this.directory.resolve("p.txt"), "@ https\nwww https\nmail smtp imaps\n")));

		List<Target> targets = expansion
			.expand(new DomainEntry("example.test", Map.of("owner", "it"), "domains.txt:1"));

		assertThat(targets).extracting((t) -> t.host() + ":" + t.port() + " " + t.protocol())
			.containsExactly("example.test:443 TLS", "www.example.test:443 TLS", "mail.example.test:25 SMTP",
					"mail.example.test:993 TLS");
		assertThat(targets).allSatisfy((t) -> {
			assertThat(t.owner()).isEqualTo("it");
			assertThat(t.origin()).isEqualTo("domains.txt:1");
			assertThat(t.address()).isNull();
		});
	}

	private Path write(String name, String text) throws IOException {
		Path file = this.directory.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, text);
	}

	private Path realFolder() throws IOException {
		return this.directory.toRealPath();
	}

	private static List<ZoneName> names(Path zone) {
		return names(zone, ZoneSettings.DEFAULTS);
	}

	private static List<ZoneName> names(Path zone, ZoneSettings settings) {
		return ZoneFile.names(zone, settings);
	}

}
