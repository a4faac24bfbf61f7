package dev.certaudit.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/** Reads hosts files as a Debian machine writes them and operators add to them; never the machine's own. */
class HostsFileTest {

	@TempDir
	Path directory;

	private HostsFile hosts;

	@BeforeEach
	void readHostsFile() throws IOException {
		Path file = this.directory.resolve("hosts");
		Files.writeString(file, """
				127.0.0.1	localhost
				127.0.1.1	build-host.example.test	build-host

				# The following lines are desirable for IPv6 capable hosts
				::1     localhost ip6-localhost ip6-loopback
				ff02::1 ip6-allnodes
				ff02::2 ip6-allrouters

				# internal names the operators keep
				10.20.0.5      portal.corp.example.test portal   # the load balancer's first address
				10.20.0.6      Portal.Corp.Example.Test
				2001:db8:20::5 portal.corp.example.test
				10.20.0.5      portal.corp.example.test
				fe80::1%eth0   linklocal.corp.example.test
				10.20.0.300    broken.corp.example.test
				10.20.0.7
				""");
		this.hosts = HostsFile.read(file);
	}

	@Test
	void everyAddressOfANameIsListedOnceIpv4FirstEachFamilyInFileOrder() {
		assertThat(addresses("portal.corp.example.test")).containsExactly("10.20.0.5", "10.20.0.6",
				"2001:db8:20::5");
	}

	@Test
	void aliasTakesTheAddressOfItsLine() {
		assertThat(addresses("portal")).containsExactly("10.20.0.5");
		assertThat(addresses("build-host")).containsExactly("127.0.1.1");
		assertThat(addresses("ip6-localhost")).containsExactly("::1");
	}

	@Test
	void nameOnAnIpv4AndAnIpv6LineHasBoth() {
		assertThat(addresses("localhost")).containsExactly("127.0.0.1", "::1");
	}

	@Test
	void namesMatchWhateverTheirCase() {
		assertThat(addresses("PORTAL.corp.EXAMPLE.test")).isEqualTo(addresses("portal.corp.example.test"));
	}

	@Test
	void commentsAndLinesTheResolverCannotReadArePassedOver() {
		assertThat(this.hosts.addresses(name("desirable"))).isEmpty();
		assertThat(this.hosts.addresses(name("first"))).isEmpty();
		assertThat(this.hosts.addresses(name("linklocal.corp.example.test"))).isEmpty();
		assertThat(this.hosts.addresses(name("broken.corp.example.test"))).isEmpty();
	}

	@Test
	void nameNotListedIsLeftToDns() {
		assertThat(this.hosts.addresses(name("www.corp.example.test"))).isEmpty();
	}

	@Test
	void fileNamedInTheSettingsThatIsMissingStopsTheRunInOneLine() {
		Path missing = this.directory.resolve("no-such-hosts");

		assertThatIllegalArgumentException().isThrownBy(() -> HostsFile.read(missing))
			.withMessage("cert-audit.dns.hosts-file: cannot read " + missing
					+ " (no such file); set it empty to resolve names with DNS alone");
	}

	@Test
	void systemWithoutAHostsFileHasNone() {
		HostsFile none = HostsFile.readIfPresent(this.directory.resolve("etc-hosts-never-written"));

		assertThat(none.addresses(name("localhost"))).isEmpty();
	}

	private List<String> addresses(String name) {
		return this.hosts.addresses(name(name)).orElseThrow();
	}

	private static Name name(String text) {
		return Name.fromConstantString(text + ".");
	}

}
