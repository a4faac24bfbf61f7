package dev.certaudit.transparency;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.certaudit.history.Columns;
import dev.certaudit.probe.Pem;
import dev.certaudit.transparency.CtDiscrepancy.Kind;

/**
 * Reconciles a Certificate Transparency search export with a run: imports the export into the run's
 * {@code ct_entry} and {@code ct_name} rows (again from scratch when the run's report step is redone),
 * then lets the database compare them with what the run found, streaming the differences. The rows stay
 * with the run, so its reports are written again from them alone, without the export.
 */
public final class CtReconciliation {

	/**
	 * The precertificate SCT list of RFC 6962 3.3: a CA that logged the certificate embeds the logs'
	 * promises in it, which is how a deployed certificate is known to be public.
	 */
	private static final String EMBEDDED_SCTS = "1.3.6.1.4.1.11129.2.4.2";

	private static final int INSERT_BATCH = 500;

	private static final int MAX_NAMES = 4000;

	private final JdbcTemplate jdbc;

	private final Path export;

	/**
	 * Reads the export once to stop a run with a bad one before it audits anything.
	 * @param export the export runs are reconciled with; null without one ({@code cert-audit.ct.export}
	 * unset), when only what runs imported before can be reconciled
	 */
	public CtReconciliation(DataSource dataSource, Path export) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.export = export;
		if (export != null) {
			CtExportReader.read(export, (entry) -> {
			});
		}
	}

	/** Imports the export for the run, then streams every difference (see {@link #discrepancies}). */
	public void reconcile(long runId, Instant judgedAt, Consumer<CtDiscrepancy> differences) {
		if (this.export == null) {
			throw new IllegalStateException("no CT export to reconcile run " + runId + " with");
		}
		importExport(runId, this.export, judgedAt);
		discrepancies(runId, judgedAt, differences);
	}

	/**
	 * @param judgedAt the run's instant: names of certificates expired by then are left out, since a
	 * host nobody has renewed a certificate for is most likely gone
	 */
	void importExport(long runId, Path export, Instant judgedAt) {
		this.jdbc.update("DELETE FROM ct_name WHERE run_id = ?", runId);
		this.jdbc.update("DELETE FROM ct_entry WHERE run_id = ?", runId);
		List<Object[]> entries = new ArrayList<>();
		List<Object[]> names = new ArrayList<>();
		long[] entryId = { 0 };
		CtExportReader.read(export, (entry) -> {
			long id = ++entryId[0];
			String allNames = String.join(", ", entry.names());
			entries.add(new Object[] { runId, id, entry.serialNumber(), entry.ctId(), truncate(entry.issuerName(), 2000),
					truncate(allNames, MAX_NAMES),
					(entry.notBefore() != null) ? entry.notBefore().atOffset(ZoneOffset.UTC) : null,
					entry.notAfter().atOffset(ZoneOffset.UTC) });
			if (entry.notAfter().isAfter(judgedAt)) {
				entry.names().stream()
					.filter(CtReconciliation::isHostName)
					.forEach((name) -> names.add(new Object[] { runId, id, name }));
			}
			if (entries.size() >= INSERT_BATCH) {
				flush(entries, names);
			}
		});
		flush(entries, names);
	}

	/** Wildcards, e-mail addresses and the like name no host to audit. */
	private static boolean isHostName(String name) {
		return name.length() <= 255 && name.matches("[a-z0-9._-]+") && name.contains(".");
	}

	private void flush(List<Object[]> entries, List<Object[]> names) {
		this.jdbc.batchUpdate("INSERT INTO ct_entry (run_id, entry_id, serial_number, ct_id, issuer_name, names,"
				+ " not_before, not_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entries);
		this.jdbc.batchUpdate("INSERT INTO ct_name (run_id, entry_id, name) VALUES (?, ?, ?)", names);
		entries.clear();
		names.clear();
	}

	/**
	 * Every difference with the export the run imported, one kind after the other: certificates issued but
	 * not served by any endpoint (certificate files do not count as served) soonest expiry first, served
	 * certificates with SCTs that the export lacks, then names not in the inventory in name order.
	 */
	public void discrepancies(long runId, Instant judgedAt, Consumer<CtDiscrepancy> differences) {
		this.jdbc.query("SELECT c.serial_number, MIN(c.ct_id) AS ct_id, MAX(c.issuer_name) AS issuer_name,"
				+ " MAX(c.names) AS names, MAX(c.not_after) AS valid_until FROM ct_entry c"
				+ " WHERE c.run_id = ? AND c.not_after > ? AND NOT EXISTS (SELECT 1 FROM assessment a JOIN audit_target t"
				+ " ON t.run_id = a.run_id AND t.target_id = a.target_id WHERE a.run_id = c.run_id"
				+ " AND a.serial_number = c.serial_number AND t.protocol <> 'FILE')"
				+ " GROUP BY c.serial_number ORDER BY valid_until, c.serial_number", (ResultSet rs) -> {
					differences.accept(new CtDiscrepancy(Kind.ISSUED_NOT_DEPLOYED, rs.getString("serial_number"),
							rs.getString("names"), rs.getString("issuer_name"), Columns.instant(rs, "valid_until"),
							rs.getObject("ct_id", Long.class), null));
				}, runId, judgedAt.atOffset(ZoneOffset.UTC));
		DeployedGroups deployed = new DeployedGroups(differences);
		this.jdbc.query("SELECT a.serial_number, a.subject_alt_names, a.subject, a.issuer, a.not_after, t.host, t.port,"
				+ " p.chain_pem FROM assessment a JOIN audit_target t ON t.run_id = a.run_id AND t.target_id = a.target_id"
				+ " JOIN probe_result p ON p.run_id = a.run_id AND p.target_id = a.target_id"
				+ " WHERE a.run_id = ? AND a.serial_number IS NOT NULL AND t.protocol <> 'FILE' AND NOT EXISTS"
				+ " (SELECT 1 FROM ct_entry c WHERE c.run_id = a.run_id AND c.serial_number = a.serial_number)"
				+ " ORDER BY a.not_after, a.serial_number, t.host, t.port", deployed::add, runId);
		deployed.finish();
		this.jdbc.query("SELECT DISTINCT n.name, d.outcome FROM ct_name n LEFT JOIN discovered_name d"
				+ " ON d.run_id = n.run_id AND d.name = n.name WHERE n.run_id = ? AND NOT EXISTS"
				+ " (SELECT 1 FROM audit_target t WHERE t.run_id = n.run_id AND LOWER(t.host) = n.name) ORDER BY n.name",
				(ResultSet rs) -> {
					String outcome = rs.getString("outcome");
					differences.accept(new CtDiscrepancy(Kind.NAME_NOT_IN_INVENTORY, null, rs.getString("name"), null,
							null, null, (outcome != null) ? "looked up in DNS: " + outcome.toLowerCase().replace('_', ' ')
									: "not looked up"));
				}, runId);
	}

	private static String truncate(String text, int length) {
		return (text == null || text.length() <= length) ? text : text.substring(0, length - 1) + "…";
	}

	/** The endpoints of one serial arrive together; only the current serial's first place is held. */
	private static final class DeployedGroups {

		private final Consumer<CtDiscrepancy> differences;

		private CtDiscrepancy current;

		private int places;

		private boolean logged;

		DeployedGroups(Consumer<CtDiscrepancy> differences) {
			this.differences = differences;
		}

		void add(ResultSet rs) throws SQLException {
			String serial = rs.getString("serial_number");
			if (this.current != null && this.current.serialNumber().equals(serial)) {
				this.places++;
				return;
			}
			finish();
			this.logged = carriesScts(rs.getString("chain_pem"));
			String sans = rs.getString("subject_alt_names");
			this.current = new CtDiscrepancy(Kind.DEPLOYED_NOT_IN_EXPORT, serial,
					(sans != null && !sans.isEmpty()) ? sans.replace("\n", ", ") : rs.getString("subject"),
					rs.getString("issuer"), Columns.instant(rs, "not_after"), null,
					rs.getString("host") + ":" + rs.getInt("port"));
			this.places = 1;
		}

		void finish() {
			if (this.current != null && this.logged) {
				this.differences.accept((this.places == 1) ? this.current : new CtDiscrepancy(this.current.kind(),
						this.current.serialNumber(), this.current.names(), this.current.issuer(),
						this.current.notAfter(), null, this.current.detail() + " and " + (this.places - 1) + " more"));
			}
			this.current = null;
		}

		private static boolean carriesScts(String chainPem) {
			try {
				List<X509Certificate> chain = Pem.chain(chainPem);
				return !chain.isEmpty() && chain.get(0).getExtensionValue(EMBEDDED_SCTS) != null;
			}
			catch (CertificateException | RuntimeException ex) {
				return false;
			}
		}

	}

}
