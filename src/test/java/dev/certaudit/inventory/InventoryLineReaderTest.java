package dev.certaudit.inventory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/** Host lists as Excel and Notepad save them, read and parsed as loadInventory does. */
class InventoryLineReaderTest {

	@TempDir
	Path directory;

	@Test
	void hostListSavedWithAByteOrderMarkMayStartWithAComment() throws Exception {
		Path hosts = write("\uFEFF# web servers\nwww.example.test owner=M\u00fcller\n", StandardCharsets.UTF_8);

		assertThat(targets(hosts)).extracting(Target::host, Target::owner)
			.containsExactly(tuple("www.example.test", "M\u00fcller"));
	}

	@Test
	void hostListSavedAsUnicodeTextByNotepadIsRead() throws Exception {
		Path hosts = write("\uFEFF# web servers\r\nwww.example.test owner=M\u00fcller\r\nmail.example.test smtp\r\n",
				StandardCharsets.UTF_16LE);

		assertThat(targets(hosts)).extracting(Target::host).containsExactly("www.example.test", "mail.example.test");
	}

	@Test
	void hostListSavedInWindows1252NamesTheLineAndTheByte() throws Exception {
		Path hosts = write("www.example.test\nmail.example.test\nvpn.example.test owner=M\u00fcller\n",
				Charset.forName("windows-1252"));

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> targets(hosts))
			.withMessage(hosts + ":3: byte 0xFC is not UTF-8; save the file as UTF-8");
	}

	private Path write(String text, Charset charset) throws IOException {
		return Files.write(this.directory.resolve("hosts.txt"), text.getBytes(charset));
	}

	private static List<Target> targets(Path hosts) throws Exception {
		InventoryLineReader reader = new InventoryLineReader(List.of(new InventorySource(SourceKind.HOSTS, hosts)),
				ZoneSettings.DEFAULTS);
		InventoryLineProcessor processor = new InventoryLineProcessor(1, BadLinePolicy.FAIL, () -> {
			throw new AssertionError("a host list needs no prefixes");
		});
		List<Target> targets = new ArrayList<>();
		reader.open(new ExecutionContext());
		try {
			for (InventoryLine line = reader.read(); line != null; line = reader.read()) {
				ParsedLine parsed = processor.process(line);
				if (parsed != null) {
					parsed.candidates().forEach((candidate) -> targets.add(candidate.target()));
				}
			}
		}
		finally {
			reader.close();
		}
		return targets;
	}

}
