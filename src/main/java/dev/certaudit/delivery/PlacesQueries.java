package dev.certaudit.delivery;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import dev.certaudit.analysis.Certificates;
import dev.certaudit.history.Columns;
import dev.certaudit.probe.Pem;
import dev.certaudit.report.ReportQueries;

/**
 * Where a run found each certificate served, read back as the reports' Installed at (blast radius)
 * reads it, with what re-auditing a place needs besides: its labels and how it was reached.
 */
@Repository
class PlacesQueries {

	private static final String PLACE_SELECT = "SELECT t.host, t.port, t.protocol, t.address AS address_override,"
			+ " t.labels, t.certificate_variant, p.address, a.sha256, a.subject, a.issuer, a.subject_alt_names,"
			+ " a.not_after " + ReportQueries.ROW_FROM;

	/** A place, reached at the address its probe connected to, else the one its inventory pinned. */
	private static final RowMapper<Place> PLACE = (rs, i) -> new Place(Columns.target(rs, "address_override", ""),
			(rs.getString("address") != null) ? rs.getString("address") : rs.getString("address_override"),
			rs.getString("certificate_variant"));

	private final JdbcTemplate jdbc;

	PlacesQueries(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** Every certificate the run found served, once each, with how many places served it. */
	List<ServedCertificate> servedCertificates(long runId) {
		Map<String, ServedCertificate> served = new LinkedHashMap<>();
		this.jdbc.query(PLACE_SELECT + " WHERE t.run_id = ? AND a.sha256 IS NOT NULL ORDER BY a.sha256, t.target_id",
				(ResultSet rs) -> {
					String sha256 = rs.getString("sha256");
					ServedCertificate known = served.get(sha256);
					served.put(sha256, (known != null)
							? new ServedCertificate(sha256, known.subject(), known.issuer(), known.notAfter(),
									known.names(), known.places() + 1)
							: new ServedCertificate(sha256, rs.getString("subject"), rs.getString("issuer"),
									Columns.instant(rs, "not_after"),
									names(rs.getString("subject_alt_names"), rs.getString("subject")), 1));
				}, runId);
		return List.copyOf(served.values());
	}

	/** The places that served the certificate, by name, port and protocol. */
	List<Place> places(long runId, String sha256) {
		return this.jdbc.query(PLACE_SELECT + " WHERE t.run_id = ? AND a.sha256 = ?"
				+ " ORDER BY t.host, t.port, t.protocol, t.target_id",
				PLACE, runId, sha256.toLowerCase(Locale.ROOT));
	}

	/** The certificates served at {@code host} (on {@code port}, when given), with their places. */
	Map<String, List<Place>> servedAt(long runId, String host, Integer port) {
		Map<String, List<Place>> byCertificate = new LinkedHashMap<>();
		List<Object> arguments = new ArrayList<>(List.of(runId, host.toLowerCase(Locale.ROOT)));
		if (port != null) {
			arguments.add(port);
		}
		this.jdbc.query(PLACE_SELECT + " WHERE t.run_id = ? AND LOWER(t.host) = ?"
				+ ((port != null) ? " AND t.port = ?" : "") + " AND a.sha256 IS NOT NULL ORDER BY t.port, t.target_id",
				(ResultSet rs) -> {
					byCertificate.computeIfAbsent(rs.getString("sha256"), (k) -> new ArrayList<>())
						.add(PLACE.mapRow(rs, 0));
				}, arguments.toArray());
		return byCertificate;
	}

	/** The served certificate itself, from a chain one of its places presented. */
	Optional<X509Certificate> certificate(long runId, String sha256) {
		List<String> chains = this.jdbc.queryForList("SELECT p.chain_pem FROM probe_result p JOIN assessment a"
				+ " ON a.run_id = p.run_id AND a.target_id = p.target_id WHERE p.run_id = ? AND a.sha256 = ?"
				+ " AND p.chain_pem IS NOT NULL ORDER BY p.target_id FETCH FIRST 1 ROWS ONLY", String.class, runId,
				sha256);
		try {
			for (String chain : chains) {
				List<X509Certificate> certificates = Pem.chain(chain);
				if (!certificates.isEmpty() && Certificates.sha256(certificates.getFirst()).equals(sha256)) {
					return Optional.of(certificates.getFirst());
				}
			}
		}
		catch (CertificateException ex) {
			// a chain cut short where it passed its column: the assessment's columns still describe it
		}
		return Optional.empty();
	}

	/** The alternative names as the assessment lists them; the CN of a certificate that has none. */
	private static List<String> names(String subjectAltNames, String subject) {
		if (subjectAltNames != null && !subjectAltNames.isBlank()) {
			return Arrays.asList(subjectAltNames.split("\n"));
		}
		return (subject != null) ? CertificateComparison.commonNames(subject) : List.of();
	}

}
