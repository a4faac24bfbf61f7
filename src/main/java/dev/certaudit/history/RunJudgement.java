package dev.certaudit.history;

import java.util.List;

/**
 * The settings a run judges its endpoints by, as it recorded them when it was created
 * ({@code run_judgement}): what its reports name, so two runs' verdicts can be told apart by their rules.
 * @param digest SHA-256 of the settings' text, hexadecimal
 * @param settings the settings in the order recorded
 */
public record RunJudgement(String digest, List<Setting> settings) {

	/** Hexadecimal digits of the digest the reports quote: enough to tell runs' settings apart at a glance. */
	private static final int QUOTED_DIGITS = 12;

	public RunJudgement {
		settings = List.copyOf(settings);
	}

	/** @param text one {@code setting=value} per line, as recorded */
	public static RunJudgement of(String digest, String text) {
		return new RunJudgement(digest, text.lines().map(Setting::parse).toList());
	}

	/** The digest's first hexadecimal digits, as a report's summary names the settings. */
	public String quotedDigest() {
		return this.digest.substring(0, QUOTED_DIGITS);
	}

	/** One setting that decides a verdict and its value, as text. */
	public record Setting(String name, String value) {

		/** Reads a {@code setting=value} line; the value runs to the line's end. */
		public static Setting parse(String line) {
			int equals = line.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("A judgement setting is not setting=value: " + line);
			}
			return new Setting(line.substring(0, equals), line.substring(equals + 1));
		}

	}

}
