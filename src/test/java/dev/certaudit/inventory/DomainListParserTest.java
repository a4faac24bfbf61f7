package dev.certaudit.inventory;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.certaudit.inventory.DomainListParser.DomainEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DomainListParserTest {

	private static final String ORIGIN = "domains.txt:4";

	@Test
	void domainWithLabelsIsParsedLowerCaseWithoutTrailingDot() {
		DomainEntry entry = DomainListParser.parse("Example.COM. owner=it-ops env=prod # main", ORIGIN).orElseThrow();

		assertThat(entry.domain()).isEqualTo("example.com");
		assertThat(entry.labels()).isEqualTo(Map.of("owner", "it-ops", "env", "prod"));
		assertThat(entry.origin()).isEqualTo(ORIGIN);
	}

	@Test
	void commentsAndBlankLinesAreSkipped() {
		assertThat(DomainListParser.parse("   # nothing here", ORIGIN)).isEmpty();
		assertThat(DomainListParser.parse("", ORIGIN)).isEmpty();
	}

	@Test
	void urlIsNotADomain() {
		assertThatExceptionOfType(InventoryLineException.class)
			.isThrownBy(() -> DomainListParser.parse("https://example.com/", ORIGIN))
			.withMessage("domains.txt:4: 'https://example.com/' is not a domain name (expected e.g. example.com)");
	}

	@Test
	void singleLabelAndIpAddressAreNotDomains() {
		assertThatExceptionOfType(InventoryLineException.class).isThrownBy(() -> DomainListParser.parse("localhost", ORIGIN))
			.withMessageStartingWith("domains.txt:4: 'localhost' is not a domain name");
		assertThatExceptionOfType(InventoryLineException.class).isThrownBy(() -> DomainListParser.parse("192.0.2.1", ORIGIN))
			.withMessageStartingWith("domains.txt:4: '192.0.2.1' is not a domain name");
	}

	@Test
	void addressOverrideMakesNoSenseForADomain() {
		assertThatExceptionOfType(InventoryLineException.class)
			.isThrownBy(() -> DomainListParser.parse("example.com address=192.0.2.1", ORIGIN))
			.withMessageStartingWith("domains.txt:4: address= pins one host");
	}

	@Test
	void malformedOrDuplicateLabelsAreErrors() {
		assertThatExceptionOfType(InventoryLineException.class)
			.isThrownBy(() -> DomainListParser.parse("example.com owner", ORIGIN))
			.withMessage("domains.txt:4: expected key=value, got 'owner'");
		assertThatExceptionOfType(InventoryLineException.class)
			.isThrownBy(() -> DomainListParser.parse("example.com a=1 a=2", ORIGIN))
			.withMessage("domains.txt:4: duplicate key 'a'");
	}

}
