package dev.certaudit.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Tokenizer;

/**
 * A zone's text as dnsjava's {@code Master} is given it: the zone file's lines, read by
 * {@link InventoryText}, with each {@code $INCLUDE} line replaced by the lines of the file it names.
 * dnsjava would open any file a zone names, and a zone that includes itself without end, so cert-audit
 * expands the includes itself: only with {@code cert-audit.zone.allow-include}, only files below the zone
 * file's folder by their real path (a symbolic link cannot lead out), never a file that is being read
 * already. Each read hands over at most one line, so the line dnsjava has reached is known.
 */
final class ZoneText extends InputStream {

	/**
	 * {@code $INCLUDE}s one zone may have in all. A zone may include one file many times (each with an
	 * origin of its own), so nested files each including the next twice would multiply beyond any limit on
	 * records without this one.
	 */
	static final int MAX_INCLUDES = 1000;

	private static final Pattern GENERATE_RANGE = Pattern.compile("(\\d{1,10})-(\\d{1,10})(?:/(\\d{1,10}))?");

	/** A line of one of the zone's files; {@code included} when not of the zone file itself. */
	record Location(Path file, int line, boolean included) {

		@Override
		public String toString() {
			return this.file + ":" + this.line;
		}

	}

	/** The lines handed over from {@code firstLine} on come from {@code location} on, one after the other. */
	private record Segment(long firstLine, Location location) {
	}

	/** A line that is not in any file: the {@code $ORIGIN} an include starts or ends with. */
	private record Synthetic(String text, Location location) {
	}

	/** A file being read, and the origin its relative names have at the line reached. */
	private static final class Source {

		private final Path file;

		private final Path realPath;

		private final InventoryText text;

		private final boolean included;

		private Name origin;

		private int openParentheses;

		private int includeLine;

		private Source(Path file, Path realPath, InventoryText text, boolean included, Name origin) {
			this.file = file;
			this.realPath = realPath;
			this.text = text;
			this.included = included;
			this.origin = origin;
		}

	}

	private final Path file;

	private final ZoneSettings settings;

	private final Path folder;

	private final Deque<Source> sources = new ArrayDeque<>();

	private final Deque<Synthetic> synthetic = new ArrayDeque<>();

	private final List<Segment> segments = new ArrayList<>();

	private long linesHandedOver;

	private int includes;

	private byte[] line = new byte[0];

	private int offset;

	private ZoneText(Path file, ZoneSettings settings, Path folder) {
		this.file = file;
		this.settings = settings;
		this.folder = folder;
	}

	/** @param origin what relative names of the zone file are relative to until a {@code $ORIGIN} */
	static ZoneText open(Path file, Name origin, ZoneSettings settings) throws IOException {
		Path realPath = file.toRealPath();
		ZoneText text = new ZoneText(file, settings, realPath.getParent());
		text.sources.push(new Source(file, realPath, InventoryText.open(file), false, origin));
		return text;
	}

	/** Where the {@code n}th line handed over came from. */
	Location location(long n) {
		int found = this.segments.size() - 1;
		while (found > 0 && this.segments.get(found).firstLine() > n) {
			found--;
		}
		if (found < 0) {
			return new Location(this.file, (int) n, false);
		}
		Segment segment = this.segments.get(found);
		return new Location(segment.location().file(), segment.location().line() + (int) (n - segment.firstLine()),
				segment.location().included());
	}

	/** Where the line handed over last came from. */
	Location location() {
		return location(this.linesHandedOver);
	}

	static InventoryFileException problem(Location location, String reason) {
		return new InventoryFileException(location + ": " + reason, null);
	}

	@Override
	public int read(byte[] buffer, int from, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		if (this.offset == this.line.length && !nextLine()) {
			return -1;
		}
		int count = Math.min(length, this.line.length - this.offset);
		System.arraycopy(this.line, this.offset, buffer, from, count);
		this.offset += count;
		return count;
	}

	@Override
	public int read() throws IOException {
		byte[] one = new byte[1];
		return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
	}

	private boolean nextLine() throws IOException {
		while (true) {
			if (!this.synthetic.isEmpty()) {
				Synthetic next = this.synthetic.poll();
				handOver(next.text(), next.location());
				return true;
			}
			Source source = this.sources.peek();
			if (source == null) {
				return false;
			}
			String text = source.text.nextLine();
			if (text == null) {
				finish(source);
				continue;
			}
			Location location = new Location(source.file, source.text.lineNumber(), source.included);
			boolean recordStart = source.openParentheses == 0;
			source.openParentheses = openParenthesesAfter(text, source.openParentheses);
			// dnsjava takes a directive where a line starts with one outside parentheses, quoted or not
			if (recordStart && !text.isEmpty() && (text.charAt(0) == '$' || text.charAt(0) == '"')
					&& directive(source, text, location)) {
				continue;
			}
			handOver(text, location);
			return true;
		}
	}

	/** @return whether the line was taken in here and is not to be handed over */
	private boolean directive(Source source, String text, Location location) throws IOException {
		try (Tokenizer tokens = new Tokenizer(text)) {
			Tokenizer.Token first = tokens.get();
			if (!first.isString()) {
				return false;
			}
			if (first.value().equalsIgnoreCase("$INCLUDE")) {
				include(source, tokens, location);
				return true;
			}
			if (first.value().equalsIgnoreCase("$ORIGIN")) {
				source.origin = tokens.getName(Name.root);
			}
			else if (first.value().equalsIgnoreCase("$GENERATE")) {
				checkGenerated(tokens.getString(), location);
			}
			return false;
		}
		catch (TextParseException ex) {
			// dnsjava says what is wrong with the line when it reads it
			return false;
		}
	}

	/** A {@code $GENERATE} range that alone makes more records than a zone may have stops here, unexpanded. */
	private void checkGenerated(String range, Location location) {
		Matcher matcher = GENERATE_RANGE.matcher(range);
		if (!matcher.matches()) {
			return;
		}
		long start = Long.parseLong(matcher.group(1));
		long end = Long.parseLong(matcher.group(2));
		long step = (matcher.group(3) != null) ? Long.parseLong(matcher.group(3)) : 1;
		if (start > end || step < 1) {
			return;
		}
		long count = (end - start) / step + 1;
		if (count > this.settings.maxRecords()) {
			throw problem(location, "$GENERATE " + range + " makes " + count + " records, more than the "
					+ this.settings.maxRecords() + " a zone may have (cert-audit.zone.max-records)");
		}
	}

	/**
	 * Reads the file an {@code $INCLUDE} names next, relative to the including file's folder as dnsjava
	 * resolves it. A message names the file only when the zone file itself names it: an included file's
	 * text is never repeated, since the file may hold anything.
	 */
	private void include(Source source, Tokenizer tokens, Location location) throws IOException {
		if (!this.settings.allowInclude()) {
			throw problem(location, "$INCLUDE is refused; set cert-audit.zone.allow-include=true to read included"
					+ " files, from below the zone file's folder only");
		}
		if (++this.includes > MAX_INCLUDES) {
			throw problem(location, "more than " + MAX_INCLUDES + " $INCLUDEs in one zone");
		}
		String named;
		Name origin = source.origin;
		try {
			named = utf8(tokens.getString());
			Tokenizer.Token next = tokens.get();
			if (next.isString()) {
				origin = Name.fromString(next.value(), Name.root);
			}
		}
		catch (TextParseException ex) {
			throw problem(location, "$INCLUDE takes a file name and an optional origin");
		}
		String shown = source.included ? "$INCLUDE" : "$INCLUDE " + Echo.quote(named);
		Path realPath;
		try {
			realPath = source.realPath.resolveSibling(named).toRealPath();
		}
		catch (InvalidPathException | NoSuchFileException ex) {
			throw problem(location, shown + ": no such file");
		}
		catch (IOException ex) {
			throw problem(location, shown + ": cannot be read (" + ex.getClass().getSimpleName() + ")");
		}
		if (!realPath.startsWith(this.folder)) {
			throw problem(location, shown + " is outside " + this.folder
					+ ", the zone file's folder; only files below it are included");
		}
		if (!Files.isRegularFile(realPath)) {
			throw problem(location, shown + " is not a file");
		}
		if (this.sources.stream().anyMatch((open) -> open.realPath.equals(realPath))) {
			throw problem(location, shown + " would include a file that includes it: " + cycle(realPath));
		}
		InventoryText included;
		try {
			included = InventoryText.open(realPath);
		}
		catch (IOException ex) {
			throw problem(location, shown + ": cannot be read (" + ex.getClass().getSimpleName() + ")");
		}
		source.includeLine = location.line();
		this.sources.push(new Source(realPath, realPath, included, true, origin));
		this.synthetic.add(new Synthetic("$ORIGIN " + origin, location));
	}

	/** Back in the including file after an include, its own origin holds again (RFC 1035 5.1). */
	private void finish(Source source) throws IOException {
		source.text.close();
		this.sources.pop();
		Source including = this.sources.peek();
		if (including != null) {
			this.synthetic.add(new Synthetic("$ORIGIN " + including.origin,
					new Location(including.file, including.includeLine, including.included)));
		}
	}

	private String cycle(Path again) {
		List<Path> chain = new ArrayList<>(this.sources.reversed().stream().map((open) -> open.realPath).toList());
		chain.add(again);
		return chain.stream().map((path) -> this.folder.relativize(path).toString()).collect(Collectors.joining(" -> "));
	}

	private void handOver(String text, Location location) {
		this.linesHandedOver++;
		Segment last = this.segments.isEmpty() ? null : this.segments.getLast();
		if (last == null || !last.location().file().equals(location.file())
				|| last.location().included() != location.included()
				|| last.location().line() + (this.linesHandedOver - last.firstLine()) != location.line()) {
			this.segments.add(new Segment(this.linesHandedOver, location));
		}
		this.line = (text + "\n").getBytes(StandardCharsets.UTF_8);
		this.offset = 0;
	}

	/** dnsjava's tokenizer reads bytes as characters; the file name is the UTF-8 they were. */
	private static String utf8(String token) {
		return new String(token.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
	}

	/** Parentheses still open after the line, counted as dnsjava counts them: not quoted, escaped or in a comment. */
	private static int openParenthesesAfter(String text, int open) {
		int depth = open;
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == ';') {
				break;
			}
			else if (!quoted && c == '(') {
				depth++;
			}
			else if (!quoted && c == ')' && depth > 0) {
				depth--;
			}
		}
		return depth;
	}

	@Override
	public void close() throws IOException {
		while (!this.sources.isEmpty()) {
			this.sources.pop().text.close();
		}
	}

}
