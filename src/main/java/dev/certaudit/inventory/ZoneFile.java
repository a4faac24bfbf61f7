package dev.certaudit.inventory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

	private ZoneFile() {
	}

	/**
	 * Reads the zone. Relative names are completed with {@code $ORIGIN} if the file sets one, else with
	 * the file name without a leading {@code db.} and a trailing {@code .zone} or {@code .db}
	 * ({@code example.com.zone}); the apex is the SOA's owner.
	 * @throws InventoryFileException with {@code file:line:} when the zone does not parse
	 */
	public static List<ZoneName> names(Path file) {
		Name apex = originFromFileName(file);
		Set<String> seen = new LinkedHashSet<>();
		List<ZoneName> names = new ArrayList<>();
		try (Master master = new Master(file.toString(), apex)) {
			for (Record record = master.nextRecord(); record != null; record = master.nextRecord()) {
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
			// dnsjava writes "name:line: what is wrong" with the bare file name; name the file as given
			String message = String.valueOf(ex.getMessage());
			String bare = file.getFileName() + ":";
			throw new InventoryFileException(
					message.startsWith(bare) ? file + message.substring(bare.length() - 1) : file + ": " + message, ex);
		}
		catch (IOException ex) {
			throw new InventoryFileException(file + ": " + ex.getMessage(), ex);
		}
		return names;
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
