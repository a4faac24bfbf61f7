package dev.certaudit.inventory;

import java.io.IOException;
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

		List<ZoneName> names = ZoneFile.names(zone);

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

		assertThat(ZoneFile.names(zone)).containsExactly(new ZoneName("vpn.corp.example.test", "corp.example.test", false));
	}

	@Test
	void syntaxErrorNamesFileAndLine() throws IOException {
		Path zone = Files.writeString(this.directory.resolve("broken.test.zone"),
				"$TTL 300\n@ IN SOA ns hostmaster 1 3600 600 86400 300\nwww IN A not-an-address\n");

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> ZoneFile.names(zone))
			.withMessageStartingWith(zone + ":3: ");
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

}
