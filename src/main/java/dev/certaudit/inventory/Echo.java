package dev.certaudit.inventory;

/**
 * How a message repeats what it was given: at most {@link #LIMIT} characters of it, with control and
 * format characters escaped. A message goes to the operator's terminal, the log and the reports, so a
 * 100 MB token must not be printed whole, and a NUL, an escape sequence or a right-to-left override read
 * from a file must not reach the terminal raw (they can hide, rewrite or reorder what it shows).
 */
public final class Echo {

	/** Characters of the input a message repeats at most. */
	public static final int LIMIT = 200;

	private Echo() {
	}

	/** {@code 'text'}, or when longer than the limit {@code 'its first 200 characters…' (1048576 characters)}. */
	public static String quote(CharSequence text) {
		String shown = escape(text);
		return (text.length() <= LIMIT) ? "'" + shown + "'" : "'" + shown + "…' (" + text.length() + " characters)";
	}

	/** The text without quotes, for a message of a library that repeats its input, bounded like a quote. */
	public static String bounded(CharSequence text) {
		String shown = escape(text);
		return (text.length() <= LIMIT) ? shown : shown + "… (" + text.length() + " characters)";
	}

	private static String escape(CharSequence text) {
		int end = Math.min(text.length(), LIMIT);
		if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
			// a character outside the BMP is shown whole or not at all
			end--;
		}
		StringBuilder shown = new StringBuilder(end + 16);
		for (int i = 0; i < end;) {
			int c = Character.codePointAt(text, i);
			i += Character.charCount(c);
			if (c < 0x20 || c == 0x7f) {
				shown.append(String.format("\\x%02X", c));
			}
			else if (hidden(c)) {
				shown.append((c <= 0xffff) ? String.format("\\u%04X", c) : String.format("\\U%08X", c));
			}
			else {
				shown.appendCodePoint(c);
			}
		}
		return shown.toString();
	}

	/** C1 controls, bidirectional overrides and other invisible formatting, line separators, lone surrogates. */
	private static boolean hidden(int c) {
		return switch (Character.getType(c)) {
			case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
					Character.SURROGATE ->
				true;
			default -> false;
		};
	}

}
