package dev.certaudit.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtExportReaderTest {

	@TempDir
	Path dir;

	@Test
	void crtShEntryIsReadWithItsNamesSerialAndUtcDates() throws IOException {
		Path export = write("""
				[{"issuer_ca_id":16418,"issuer_name":"C=US, O=Let's Encrypt, CN=R3","common_name":"shop.example.test",
				  "name_value":"shop.example.test\\nWWW.shop.example.test\\n*.shop.example.test","id":987654321,
				  "entry_timestamp":"2026-01-01T10:00:00.123","not_before":"2026-01-01T09:00:00",
				  "not_after":"2026-04-01T09:00:00","serial_number":"04a1b2c3","result_count":3}]
				""");

		List<CtEntry> entries = read(export);

		assertThat(entries).containsExactly(new CtEntry("4a1b2c3", "C=US, O=Let's Encrypt, CN=R3",
				List.of("shop.example.test", "www.shop.example.test", "*.shop.example.test"),
				Instant.parse("2026-01-01T09:00:00Z"), Instant.parse("2026-04-01T09:00:00Z"), 987654321L));
	}

	@Test
	void somethingElseThanAnExportIsRefusedNamingTheEntry() throws IOException {
		assertThatIllegalArgumentException().isThrownBy(() -> read(write("{\"id\": 1}")))
			.withMessageEndingWith("not a CT search export (a JSON array of certificates)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read(write("[{\"serial_number\":\"01\",\"not_after\":\"2026-04-01T09:00:00\"},"
					+ "{\"serial_number\":\"02\"}]")))
			.withMessageEndingWith("export.json: entry 2: no not_after");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read(write("[{\"serial_number\":\"xyz\",\"not_after\":\"2026-04-01T09:00:00\"}]")))
			.withMessageEndingWith("entry 1: serial_number 'xyz' is not hexadecimal");
		assertThatIllegalArgumentException().isThrownBy(() -> read(write("[{\"serial_number\":")))
			.withMessageContaining("export.json: not valid JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> read(this.dir.resolve("missing.json")))
			.withMessageStartingWith("Cannot read CT export");
	}

	@Test
	void exportInAnotherEncodingThanUtf8IsRefusedNamingLineAndByte() throws IOException {
		String json = "[{\"serial_number\":\"01\",\n\"issuer_name\":\"CN=M\u00fcller CA\"}]";
		Path export = Files.write(this.dir.resolve("export.json"), json.getBytes(StandardCharsets.ISO_8859_1));

		assertThatIllegalArgumentException().isThrownBy(() -> read(export))
			.withMessageStartingWith(export + ": not valid JSON at line 2: ")
			.withMessageContaining("0xfc");
	}

	@Test
	void longValueIsEchoedInTwoHundredCharactersEscaped() throws IOException {
		// JSON carries the terminal escape as \\u001b, which the parser turns into the character
		String json = "[{\"serial_number\":\"01\",\"not_after\":\"\\u001b[2J" + "9".repeat(100_000) + "\"}]";

		assertThatIllegalArgumentException().isThrownBy(() -> read(write(json)))
			.withMessageEndingWith("entry 1: not_after '\\x1B[2J" + "9".repeat(196)
					+ "…' (100004 characters) is not a date and time");
	}

	private Path write(String json) throws IOException {
		return Files.writeString(this.dir.resolve("export.json"), json);
	}

	private static List<CtEntry> read(Path export) {
		List<CtEntry> entries = new ArrayList<>();
		CtExportReader.read(export, entries::add);
		return entries;
	}

}
