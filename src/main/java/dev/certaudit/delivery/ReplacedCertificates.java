package dev.certaudit.delivery;

import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.analysis.HostnameMatcher;
import dev.certaudit.job.AuditRefusedException;

/**
 * Finds the certificate a delivery replaces among those a completed run found served: the one
 * {@code --replaces} names by fingerprint or by where it is served, or else the one whose names the new
 * certificate covers best.
 */
@Component
class ReplacedCertificates {

	private final PlacesQueries queries;

	ReplacedCertificates(PlacesQueries queries) {
		this.queries = queries;
	}

	/**
	 * @param replaces a SHA-256 fingerprint (hex, colons allowed) or {@code host[:port]}; null to choose
	 * @return empty when nothing was named and no served certificate shares a name with {@code leaf}
	 * @throws AuditRefusedException when what {@code replaces} names is not served in the run, or is
	 * ambiguous
	 */
	Optional<ReplacedCertificate> find(X509Certificate leaf, String replaces, long runId) {
		if (replaces == null) {
			return best(leaf, runId);
		}
		String fingerprint = replaces.replace(":", "").toLowerCase(Locale.ROOT);
		if (isSha256(fingerprint)) {
			ServedCertificate served = this.queries.servedCertificates(runId)
				.stream()
				.filter((candidate) -> candidate.sha256().equals(fingerprint))
				.findFirst()
				.orElseThrow(() -> new AuditRefusedException("run " + runId + " found no place serving the certificate "
						+ fingerprint + " (--replaces); choose the run with --run=N"));
			return Optional.of(replaced(served, runId, "named by --replaces"));
		}
		HostAndPort named = HostAndPort.parse(replaces);
		Map<String, List<Place>> servedThere = this.queries.servedAt(runId, named.host(), named.port());
		if (servedThere.isEmpty()) {
			throw new AuditRefusedException("run " + runId + " found no certificate served at " + replaces
					+ " (--replaces); choose the run with --run=N");
		}
		if (servedThere.size() > 1) {
			throw new AuditRefusedException(replaces + " served " + servedThere.size() + " certificates in run " + runId
					+ ", name one with --replaces=SHA256: " + servedThere.entrySet()
						.stream()
						.map((e) -> e.getKey() + " at " + e.getValue()
							.stream()
							.map((place) -> place.where() + ((place.address() != null) ? " (" + place.address() + ")" : ""))
							.collect(Collectors.joining(", ")))
						.collect(Collectors.joining("; ")));
		}
		String sha256 = servedThere.keySet().iterator().next();
		ServedCertificate served = this.queries.servedCertificates(runId)
			.stream()
			.filter((candidate) -> candidate.sha256().equals(sha256))
			.findFirst()
			.orElseThrow();
		return Optional.of(replaced(served, runId, "served at " + replaces + ", named by --replaces"));
	}

	/**
	 * The served certificate whose names the new one covers most of, then leaves fewest uncovered, then
	 * expires soonest (a renewal is made for the certificate about to expire), then is served at most
	 * places; never the new certificate itself where it is already installed.
	 */
	private Optional<ReplacedCertificate> best(X509Certificate leaf, long runId) {
		String self = Certificates.sha256(leaf);
		Comparator<Scored> order = Comparator.comparingLong(Scored::covered)
			.thenComparing(Comparator.comparingLong(Scored::uncovered).reversed())
			.thenComparing((Scored scored) -> scored.served().notAfter(), Comparator.nullsFirst(Comparator.reverseOrder()))
			.thenComparingLong((scored) -> scored.served().places());
		return this.queries.servedCertificates(runId)
			.stream()
			.filter((served) -> !served.sha256().equals(self))
			.map((served) -> new Scored(served,
					served.names().stream().filter((name) -> HostnameMatcher.matches(name, leaf)).count(),
					served.names().stream().filter((name) -> !HostnameMatcher.matches(name, leaf)).count()))
			.filter((scored) -> scored.covered() > 0)
			.max(order)
			.map((scored) -> replaced(scored.served(), runId, "the certificate served in run " + runId
					+ " whose names the new one covers best: " + scored.covered() + " of its "
					+ (scored.covered() + scored.uncovered()) + " names"));
	}

	private ReplacedCertificate replaced(ServedCertificate served, long runId, String chosen) {
		return new ReplacedCertificate(served, this.queries.certificate(runId, served.sha256()).orElse(null), runId,
				chosen, this.queries.places(runId, served.sha256()));
	}

	private static boolean isSha256(String text) {
		if (text.length() != 64) {
			return false;
		}
		try {
			HexFormat.of().parseHex(text);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private record Scored(ServedCertificate served, long covered, long uncovered) {
	}

	/** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}; a port of null means any. */
	private record HostAndPort(String host, Integer port) {

		static HostAndPort parse(String text) {
			if (text.startsWith("[") && text.contains("]")) {
				String rest = text.substring(text.indexOf(']') + 1);
				return new HostAndPort(text.substring(1, text.indexOf(']')), rest.startsWith(":") ? port(rest.substring(1), text) : null);
			}
			int colon = text.indexOf(':');
			if (colon > 0 && colon == text.lastIndexOf(':')) {
				return new HostAndPort(text.substring(0, colon), port(text.substring(colon + 1), text));
			}
			return new HostAndPort(text, null);
		}

		private static Integer port(String port, String text) {
			try {
				return Integer.valueOf(port);
			}
			catch (NumberFormatException ex) {
				throw new AuditRefusedException("--replaces takes a SHA-256 fingerprint or host[:port], got '" + text + "'");
			}
		}

	}

}
