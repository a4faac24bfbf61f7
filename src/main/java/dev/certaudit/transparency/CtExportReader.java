package dev.certaudit.transparency;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import dev.certaudit.inventory.Echo;

/**
 * Reads a crt.sh JSON export: an array of objects with {@code issuer_name}, {@code common_name},
 * {@code name_value} (names, newline-separated), {@code not_before}, {@code not_after} (UTC, with or
 * without a zone), {@code serial_number} (hex) and {@code id}; other properties are ignored. Streamed an
 * entry at a time, since the export of a large organisation runs to tens of thousands of entries. A
 * file that is not such an export stops with {@code file: entry N: what is wrong}.
 */
public final class CtExportReader {

	private static final JsonFactory FACTORY = new JsonFactory();

	private CtExportReader() {
	}

	public static void read(Path file, Consumer<CtEntry> entries) {
		try (InputStream in = Files.newInputStream(file);
				JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), in)) {
			if (parser.nextToken() != JsonToken.START_ARRAY) {
				throw new IllegalArgumentException(file + ": not a CT search export (a JSON array of certificates)");
			}
			int index = 0;
			for (JsonToken token; (token = parser.nextToken()) != JsonToken.END_ARRAY;) {
				index++;
				if (token != JsonToken.START_OBJECT) {
					throw new IllegalArgumentException(file + ": entry " + index + ": not an object");
				}
				Map<String, String> fields = fields(parser);
				try {
					entries.accept(entry(fields));
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException(file + ": entry " + index + ": " + ex.getMessage(), ex);
				}
			}
		}
		catch (JacksonException ex) {
			String line = (ex.getLocation() != null && ex.getLocation().getLineNr() > 0)
					? " at line " + ex.getLocation().getLineNr() : "";
			throw new IllegalArgumentException(
					file + ": not valid JSON" + line + ": " + Echo.bounded(String.valueOf(ex.getOriginalMessage())), ex);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read CT export " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** The object's scalar properties as text; nested values are skipped. */
	private static Map<String, String> fields(JsonParser parser) {
		Map<String, String> fields = new HashMap<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if (value.isScalarValue()) {
				fields.put(name, (value == JsonToken.VALUE_NULL) ? null : parser.getString());
			}
			else {
				parser.skipChildren();
			}
		}
		return fields;
	}

	private static CtEntry entry(Map<String, String> fields) {
		String serial = required(fields, "serial_number");
		BigInteger serialNumber;
		try {
			serialNumber = new BigInteger(serial.replace(":", ""), 16);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("serial_number " + Echo.quote(serial) + " is not hexadecimal");
		}
		List<String> names = new ArrayList<>();
		for (String text : Arrays.asList(fields.getOrDefault("name_value", ""), fields.getOrDefault("common_name", ""))) {
			for (String name : (text != null) ? text.split("\n") : new String[0]) {
				String trimmed = name.trim().toLowerCase(Locale.ROOT);
				if (!trimmed.isEmpty() && !names.contains(trimmed)) {
					names.add(trimmed);
				}
			}
		}
		String id = fields.get("id");
		return new CtEntry(serialNumber.toString(16), fields.get("issuer_name"), names,
				(fields.get("not_before") != null) ? instant("not_before", fields.get("not_before")) : null,
				instant("not_after", required(fields, "not_after")), (id != null) ? id(id) : null);
	}

	private static String required(Map<String, String> fields, String name) {
		String value = fields.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("no " + name);
		}
		return value;
	}

	/** crt.sh writes UTC without a zone ({@code 2026-01-01T00:00:00}); other tools add one. */
	private static Instant instant(String name, String text) {
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			try {
				return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException notLocal) {
				throw new IllegalArgumentException(name + " " + Echo.quote(text) + " is not a date and time");
			}
		}
	}

	private static long id(String text) {
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("id " + Echo.quote(text) + " is not a number");
		}
	}

}
