package dev.certaudit.inventory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InventoryTextTest {

	@TempDir
	Path directory;

	@Test
	void windows1252FileIsRefusedNamingLineAndByte() throws IOException {
		Path hosts = write("hosts.txt", "www.example.test\nmail.example.test\nm\u00fcller.example.test owner=M\u00fcller\n",
				Charset.forName("windows-1252"));

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> lines(hosts))
			.withMessage(hosts + ":3: byte 0xFC is not UTF-8; save the file as UTF-8");
	}

	@Test
	void wrongByteFarIntoTheFileIsFoundOnItsLine() throws IOException {
		Path hosts = this.directory.resolve("hosts.txt");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes("host.example.test\n".repeat(10_000).getBytes(StandardCharsets.UTF_8));
		bytes.writeBytes(new byte[] { 'x', (byte) 0x92, 'y', '\n' });
		Files.write(hosts, bytes.toByteArray());

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> lines(hosts))
			.withMessage(hosts + ":10001: byte 0x92 is not UTF-8; save the file as UTF-8");
	}

	@Test
	void utf8WithAndWithoutByteOrderMarkIsRead() throws IOException {
		assertThat(lines(write("plain.txt", "m\u00fcller.test\n", StandardCharsets.UTF_8)))
			.containsExactly("m\u00fcller.test");
		assertThat(lines(write("bom.txt", "\uFEFFm\u00fcller.test\n", StandardCharsets.UTF_8)))
			.containsExactly("m\u00fcller.test");
	}

	@Test
	void utf16WithByteOrderMarkIsReadInEitherByteOrder() throws IOException {
		String text = "\uFEFF# Unicode text, as Notepad saves it\r\nm\u00fcller.example.test owner=\u4e2d\u6587\r\n";

		for (Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
			assertThat(lines(write("hosts.txt", text, charset))).as(charset.name())
				.containsExactly("# Unicode text, as Notepad saves it", "m\u00fcller.example.test owner=\u4e2d\u6587");
		}
	}

	@Test
	void byteOrderMarkBeforeACommentLineLeavesAComment() throws IOException {
		Path hosts = write("hosts.txt", "\uFEFF# our hosts\nwww.example.test\n", StandardCharsets.UTF_8);

		List<String> lines = lines(hosts);

		assertThat(HostListParser.parse(lines.get(0), hosts + ":1")).isEmpty();
		assertThat(HostListParser.parse(lines.get(1), hosts + ":2")).isPresent();
	}

	@Test
	void utf16WithoutByteOrderMarkIsRefusedAtItsFirstNul() throws IOException {
		Path hosts = write("hosts.txt", "www.example.test\n", StandardCharsets.UTF_16LE);

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> lines(hosts))
			.withMessage(hosts + ":1: byte 0x00 (NUL): this is not a text file, or it is UTF-16 without a byte order"
					+ " mark; save the file as UTF-8");
	}

	@Test
	void unpairedSurrogateIsNotUtf16() throws IOException {
		Path hosts = this.directory.resolve("hosts.txt");
		Files.write(hosts, new byte[] { (byte) 0xff, (byte) 0xfe, 'a', 0, '\n', 0, 0x00, (byte) 0xdc, 'b', 0 });

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> lines(hosts))
			.withMessage(hosts + ":2: bytes 0x00 0xDC are not UTF-16LE; save the file as UTF-8");
	}

	@Test
	void lineLongerThanTheLimitIsRefusedWithoutRepeatingIt() throws IOException {
		Path hosts = write("hosts.txt", "www.example.test\n" + "a".repeat(InventoryText.MAX_LINE_LENGTH + 1) + "\n",
				StandardCharsets.UTF_8);

		assertThatExceptionOfType(InventoryFileException.class).isThrownBy(() -> lines(hosts))
			.withMessage(hosts + ":2: the line is longer than 1048576 characters, which no inventory line is");
	}

	@Test
	void everyLineEndingEndsALineAndTheLastLineNeedsNone() throws IOException {
		assertThat(lines(write("hosts.txt", "a\r\nb\rc\n\nd", StandardCharsets.UTF_8)))
			.containsExactly("a", "b", "c", "", "d");
		assertThat(lines(write("empty.txt", "", StandardCharsets.UTF_8))).isEmpty();
	}

	private Path write(String name, String text, Charset charset) throws IOException {
		return Files.write(this.directory.resolve(name), text.getBytes(charset));
	}

	private static List<String> lines(Path file) throws IOException {
		try (Stream<InventoryText.Line> lines = InventoryText.lines(file)) {
			return lines.map(InventoryText.Line::text).toList();
		}
	}

}
