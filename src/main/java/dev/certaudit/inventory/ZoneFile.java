package dev.certaudit.inventory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The names a BIND-format zone file gives addresses or aliases to. Every A, AAAA and CNAME owner is a
 * candidate endpoint; CNAMEs matter most, since they often point at hosted services (a shop, a help
 * desk) whose certificates nobody in the company renews. Wildcard owners cannot be probed and are left
 * out.
 */
public final class ZoneFile {

	/** A name from the zone; {@code apex} when it is the zone's own name. */
	public record ZoneName(String name, String zone, boolean apex) {

		/** The left-most label, matched against the service prefixes. */
		public String firstLabel() {
			return this.apex ? "" : this.name.substring(0, this.name.indexOf('.'));
		}

	}

	private static final Pattern DNSJAVA_LOCATION = Pattern.compile("<none>:(\\d+): (.*)", Pattern.DOTALL);

	private ZoneFile() {
	}

	/**
	 * Reads the zone. Relative names are completed with {@code $ORIGIN} if the file sets one, else with
	 * the file name without a leading {@code db.} and a trailing {@code .zone} or {@code .db}
	 * ({@code example.com.zone}); the apex is the SOA's owner. The file is read as {@link InventoryText}
	 * reads inventories, its {@code $INCLUDE}s as {@link ZoneText} allows them.
	 * @throws InventoryFileException with {@code file:line:} when the zone does not parse, includes what it
	 * may not, or has more records than the settings allow
	 */
	public static List<ZoneName> names(Path file, ZoneSettings settings) {
		Name apex = originFromFileName(file);
		Set<String> seen = new LinkedHashSet<>();
		List<ZoneName> names = new ArrayList<>();
		ZoneText text;
		try {
			text = ZoneText.open(file, apex, settings);
		}
		catch (IOException ex) {
			throw new InventoryFileException(file + ": " + ex.getMessage(), ex);
		}
		try (text; Master master = new Master(text, apex)) {
			// ZoneText expands the includes it allows; one that slipped past it must not open a file
			master.disableIncludes(true);
			int records = 0;
			for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
				if (++records > settings.maxRecords()) {
					throw ZoneText.problem(text.location(), "more than " + settings.maxRecords()
							+ " records, the most a zone may have (cert-audit.zone.max-records)");
				}
				int type = record.getType();
				if (type == Type.SOA) {
					// the SOA owner is the zone's apex, whatever $ORIGIN lines the file uses
					apex = record.getName();
					continue;
				}
				if (type != Type.A && type != Type.AAAA && type != Type.CNAME) {
					continue;
				}
				Name owner = record.getName();
				if (owner.isWild()) {
					continue;
				}
				String name = text(owner);
				if (seen.add(name)) {
					names.add(new ZoneName(name, text(apex), owner.equals(apex)));
				}
			}
		}
		catch (TextParseException ex) {
			throw notParsed(text, ex);
		}
		catch (IllegalArgumentException ex) {
			// dnsjava's checks beyond syntax (a relative name where it needs an absolute one ...)
			throw notParsed(ex, text.location(), ex.getMessage());
		}
		catch (IOException ex) {
			throw new InventoryFileException(file + ": " + ex.getMessage(), ex);
		}
		return names;
	}

	/** dnsjava writes {@code <none>:line: what is wrong}, counting the lines it was handed: say whose line. */
	private static InventoryFileException notParsed(ZoneText text, TextParseException ex) {
		Matcher matcher = DNSJAVA_LOCATION.matcher(String.valueOf(ex.getMessage()));
		return matcher.matches() ? notParsed(ex, text.location(Long.parseLong(matcher.group(1))), matcher.group(2))
				: notParsed(ex, text.location(), ex.getMessage());
	}

	/** What is wrong quotes the line, so it is left out for an included file, which may hold anything. */
	private static InventoryFileException notParsed(Exception ex, ZoneText.Location location, String reason) {
		return new InventoryFileException(location + ": " + (location.included()
				? "not a zone file line (not quoted, as the file is included)" : Echo.bounded(String.valueOf(reason))), ex);
	}

	private static Name originFromFileName(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		name = name.replaceFirst("^db\\.", "").replaceFirst("\\.(zone|db)$", "");
		try {
			return Name.fromString(name.endsWith(".") ? name : name + ".");
		}
		catch (TextParseException ex) {
			throw new InventoryFileException(file + ": cannot take a zone origin from the file name; set $ORIGIN", ex);
		}
	}

	private static String text(Name name) {
		return name.toString(true).toLowerCase(Locale.ROOT);
	}

}
