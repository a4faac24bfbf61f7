package dev.certaudit.inventory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lines of an inventory file, decoded strictly. Excel and Notepad save "Unicode" text as UTF-16 with a
 * byte order mark and "ANSI" text as Windows-1252: UTF-8, with or without a byte order mark, and UTF-16
 * with one are read; any other byte stops the reading with {@code file:line:} naming it. So does a NUL,
 * which no inventory holds and which is what UTF-16 without a byte order mark looks like, and a line of
 * more than {@link #MAX_LINE_LENGTH} characters, which would otherwise be held in memory whole.
 */
public final class InventoryText implements Closeable {

	/** Far beyond any inventory line, and a zone's longest record in one line (64 KiB of RDATA in hex). */
	public static final int MAX_LINE_LENGTH = 1 << 20;

	private static final int BUFFER = 8192;

	/** One line, without its terminator ({@code \n}, {@code \r\n} or {@code \r}), numbered from 1. */
	public record Line(int number, String text) {
	}

	private final Path file;

	private final InputStream in;

	private final CharsetDecoder decoder;

	private final ByteBuffer bytes;

	private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();

	private final StringBuilder line = new StringBuilder();

	private int lineNumber;

	private boolean endOfInput;

	private boolean decoded;

	private boolean afterCarriageReturn;

	/** What stops the decoding, reported once the lines before it have been read. */
	private String notText;

	private InventoryText(Path file, InputStream in, Charset charset, ByteBuffer bytes) {
		this.file = file;
		this.in = in;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		this.bytes = bytes;
	}

	/** Opens the file and reads its byte order mark, if it has one. */
	public static InventoryText open(Path file) throws IOException {
		InputStream in = Files.newInputStream(file);
		try {
			ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
			while (bytes.position() < 3) {
				int read = in.read(bytes.array(), bytes.position(), 3 - bytes.position());
				if (read < 0) {
					break;
				}
				bytes.position(bytes.position() + read);
			}
			bytes.flip();
			Charset charset = StandardCharsets.UTF_8;
			if (startsWith(bytes, 0xef, 0xbb, 0xbf)) {
				bytes.position(3);
			}
			else if (startsWith(bytes, 0xfe, 0xff)) {
				charset = StandardCharsets.UTF_16BE;
				bytes.position(2);
			}
			else if (startsWith(bytes, 0xff, 0xfe)) {
				charset = StandardCharsets.UTF_16LE;
				bytes.position(2);
			}
			return new InventoryText(file, in, charset, bytes);
		}
		catch (IOException | RuntimeException ex) {
			in.close();
			throw ex;
		}
	}

	/** The file's lines, read as the stream is consumed; closing the stream closes the file. */
	public static Stream<Line> lines(Path file) throws IOException {
		InventoryText text = open(file);
		Spliterator<Line> lines = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
				Spliterator.ORDERED | Spliterator.NONNULL) {

			@Override
			public boolean tryAdvance(Consumer<? super Line> action) {
				try {
					String next = text.nextLine();
					if (next == null) {
						return false;
					}
					action.accept(new Line(text.lineNumber(), next));
					return true;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}

		};
		return StreamSupport.stream(lines, false).onClose(() -> {
			try {
				text.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/**
	 * @return the next line, or null after the last
	 * @throws InventoryFileException with {@code file:line:} when the line is not text as this class reads it
	 */
	public String nextLine() throws IOException {
		this.line.setLength(0);
		while (true) {
			if (!this.chars.hasRemaining() && !decodeMore()) {
				if (this.notText != null) {
					throw problem(this.notText);
				}
				return (this.line.isEmpty()) ? null : endOfLine();
			}
			char c = this.chars.get();
			if (this.afterCarriageReturn) {
				this.afterCarriageReturn = false;
				if (c == '\n') {
					continue;
				}
			}
			if (c == '\n' || c == '\r') {
				this.afterCarriageReturn = (c == '\r');
				return endOfLine();
			}
			if (c == '\0') {
				throw problem("byte 0x00 (NUL): this is not a text file, or it is UTF-16 without a byte order mark;"
						+ " save the file as UTF-8");
			}
			if (this.line.length() == MAX_LINE_LENGTH) {
				throw problem("the line is longer than " + MAX_LINE_LENGTH + " characters, which no inventory line is");
			}
			this.line.append(c);
		}
	}

	/** The number of the line {@link #nextLine} returned last. */
	public int lineNumber() {
		return this.lineNumber;
	}

	private String endOfLine() {
		this.lineNumber++;
		return this.line.toString();
	}

	/** Decodes what follows into {@code chars}; false when nothing is left, or not text. */
	private boolean decodeMore() throws IOException {
		this.chars.clear();
		while (this.chars.position() == 0 && !this.decoded && this.notText == null) {
			if (!this.endOfInput) {
				this.bytes.compact();
				int read = this.in.read(this.bytes.array(), this.bytes.position(), this.bytes.remaining());
				if (read < 0) {
					this.endOfInput = true;
				}
				else {
					this.bytes.position(this.bytes.position() + read);
				}
				this.bytes.flip();
			}
			CoderResult result = this.decoder.decode(this.bytes, this.chars, this.endOfInput);
			if (result.isError()) {
				this.notText = notText(result.length());
			}
			else if (this.endOfInput && result.isUnderflow()) {
				this.decoder.flush(this.chars);
				this.decoded = true;
			}
		}
		this.chars.flip();
		return this.chars.hasRemaining();
	}

	/** Names the bytes at the decoder's position, where it stopped. */
	private String notText(int length) {
		byte[] wrong = new byte[length];
		this.bytes.get(this.bytes.position(), wrong);
		String shown = HexFormat.ofDelimiter(" 0x").withUpperCase().formatHex(wrong);
		String charset = this.decoder.charset().name();
		return ((length == 1) ? "byte 0x" + shown + " is not " : "bytes 0x" + shown + " are not ") + charset
				+ "; save the file as UTF-8";
	}

	private InventoryFileException problem(String reason) {
		return new InventoryFileException(this.file + ":" + (this.lineNumber + 1) + ": " + reason, null);
	}

	private static boolean startsWith(ByteBuffer bytes, int... prefix) {
		if (bytes.remaining() < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes.get(i) & 0xff) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
