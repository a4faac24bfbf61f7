package dev.certaudit.delivery;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;

import dev.certaudit.CertAuditProperties;
import dev.certaudit.history.AuditRun;
import dev.certaudit.inventory.InventorySource;
import dev.certaudit.inventory.SourceKind;
import dev.certaudit.inventory.Target;
import dev.certaudit.job.AuditLauncher;
import dev.certaudit.job.AuditRefusedException;
import dev.certaudit.report.PendingFile;

/**
 * {@code audit --only-places-of=SHA256}: the places the latest completed run that saw a certificate
 * found it served, written as an inventory, so that after a renewal an audit of just those places shows
 * each now serving the new certificate. The host list has a fixed name per certificate, so auditing the
 * places again compares with the audit before, and a re-audit that failed resumes like any other.
 */
@Service
public class PlacesInventory {

	private final CertAuditProperties properties;

	private final AuditLauncher launcher;

	private final PlacesQueries queries;

	PlacesInventory(CertAuditProperties properties, AuditLauncher launcher, PlacesQueries queries) {
		this.properties = properties;
		this.launcher = launcher;
		this.queries = queries;
	}

	/**
	 * Writes the places of {@code sha256} as inventories to audit: a host list of the endpoints, pinned to
	 * the address each was reached at, with their labels; and each certificate file as itself.
	 * @throws AuditRefusedException when no completed run found the certificate served
	 */
	public List<InventorySource> inventories(String sha256, PrintStream out) {
		String fingerprint = sha256.replace(":", "").toLowerCase(Locale.ROOT);
		for (AuditRun run : this.launcher.completedRuns()) {
			List<Place> places = this.queries.places(run.runId(), fingerprint);
			if (!places.isEmpty()) {
				List<InventorySource> inventories = write(fingerprint, run, places);
				out.printf("cert-audit: auditing the %d places run %d found serving %s%n", places.size(), run.runId(),
						fingerprint);
				return inventories;
			}
		}
		throw new AuditRefusedException("no completed run found the certificate " + fingerprint + " served");
	}

	private List<InventorySource> write(String sha256, AuditRun run, List<Place> places) {
		Set<String> lines = new LinkedHashSet<>();
		List<InventorySource> inventories = new ArrayList<>();
		for (Place place : places) {
			if (place.isFile()) {
				inventories.add(new InventorySource(SourceKind.CERT_FILES, Path.of(place.host())));
			}
			else {
				lines.add(line(place));
			}
		}
		if (!lines.isEmpty()) {
			Path hosts = this.properties.reportsDir().resolve("places-of-" + sha256.substring(0, 16) + ".txt")
				.toAbsolutePath()
				.normalize();
			try (PendingFile pending = PendingFile.beside(hosts)) {
				pending.out().write(("# the places run " + run.runId() + " found serving " + sha256
						+ ", written by cert-audit audit --only-places-of\n" + String.join("\n", lines) + "\n")
					.getBytes(StandardCharsets.UTF_8));
				pending.publish();
			}
			catch (IOException ex) {
				throw new AuditRefusedException("cannot write " + hosts + ": " + ex.getMessage());
			}
			inventories.addFirst(new InventorySource(SourceKind.HOSTS, hosts));
		}
		return inventories;
	}

	/**
	 * One host list line: the name clients use (for SNI and the name check), pinned to the address the
	 * place was reached at, with its labels. A second look at an RSA certificate is made again by the
	 * audit of the endpoint itself, so its label is left out.
	 */
	private static String line(Place place) {
		Map<String, String> labels = new HashMap<>(place.target().labels());
		if (place.certificateVariant() != null) {
			labels.remove("certificate");
		}
		Target target = place.target();
		String labelText = new Target(target.host(), target.port(), target.protocol(), null, labels, "").labelText();
		return Place.hostPort(target.host(), target.port()) + " " + target.protocol().name().toLowerCase(Locale.ROOT)
				+ ((place.address() != null) ? " address=" + place.address() : "")
				+ (labelText.isEmpty() ? "" : " " + labelText);
	}

}
