package dev.certaudit.history;

import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.certaudit.analysis.AcrossAddressesRule;
import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.Status;

/** What compareAddresses reads and writes: the certificates every address of a name served, and the findings on them. */
@Repository
public class ComparisonStore {

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	public ComparisonStore(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * The names, ports and protocols of a run whose addresses served more than one certificate. The
	 * reader keeps no position: the writer replaces what it wrote, so a restarted step compares every
	 * group again.
	 */
	public JdbcCursorItemReader<AddressGroup> inconsistentGroups(long runId) {
		return new JdbcCursorItemReaderBuilder<AddressGroup>().name("addressGroups")
			.dataSource(this.dataSource)
			// the certificate an RSA-only client gets is compared with what such clients get at other addresses
			.sql("SELECT t.host, t.port, t.protocol, t.certificate_variant FROM audit_target t JOIN assessment a"
					+ " ON a.run_id = t.run_id AND a.target_id = t.target_id WHERE t.run_id = ? AND a.sha256 IS NOT NULL"
					+ " GROUP BY t.host, t.port, t.protocol, t.certificate_variant HAVING COUNT(DISTINCT a.sha256) > 1"
					+ " ORDER BY t.host, t.port, t.protocol, t.certificate_variant")
			.queryArguments(runId)
			.rowMapper((rs, i) -> new AddressGroup(runId, rs.getString("host"), rs.getInt("port"),
					rs.getString("protocol"), rs.getString("certificate_variant")))
			.saveState(false)
			.build();
	}

	/** A certificate one target served, for comparing the addresses of a name. */
	public record ServedCertificate(long targetId, AcrossAddressesRule.Served served) {
	}

	/** What every address of a group served, in address order. */
	public List<ServedCertificate> servedCertificates(AddressGroup group) {
		return this.jdbc.query("SELECT t.target_id, t.address, a.sha256, a.serial_number, a.not_after"
				+ " FROM audit_target t JOIN assessment a ON a.run_id = t.run_id AND a.target_id = t.target_id"
				+ " WHERE t.run_id = ? AND t.host = ? AND t.port = ? AND t.protocol = ? AND a.sha256 IS NOT NULL"
				+ " AND t.certificate_variant IS NOT DISTINCT FROM ?"
				+ " ORDER BY t.address",
				(rs, i) -> new ServedCertificate(rs.getLong("target_id"),
						new AcrossAddressesRule.Served(rs.getString("address"), rs.getString("sha256"),
								rs.getString("serial_number"), Columns.instant(rs, "not_after"))),
				group.runId(), group.host(), group.port(), group.protocol(), group.certificateVariant());
	}

	/**
	 * Adds a finding that concerns several targets together, replacing an earlier copy of it, and raises
	 * targets judged OK to WARNING or the finding's severity.
	 */
	public void saveGroupFinding(long runId, Collection<Long> targetIds, Finding finding) {
		this.jdbc.batchUpdate("DELETE FROM finding WHERE run_id = ? AND target_id = ? AND rule_id = ?",
				targetIds.stream().map((id) -> new Object[] { runId, id, finding.ruleId().value() }).toList());
		this.jdbc.batchUpdate(
				"INSERT INTO finding (run_id, target_id, ordinal, rule_id, severity, message, remediation)"
						+ " SELECT ?, ?, COALESCE(MAX(ordinal), -1) + 1, ?, ?, ?, ? FROM finding WHERE run_id = ? AND target_id = ?",
				targetIds.stream().map((id) -> new Object[] { runId, id, finding.ruleId().value(),
						finding.severity().name(), Columns.truncate(finding.message(), 4000), finding.remediation(), runId,
						id })
					.toList());
		Status raised = finding.severity().status();
		this.jdbc.batchUpdate("UPDATE assessment SET status = ?, status_rank = ? WHERE run_id = ? AND target_id = ? AND status_rank > ?",
				targetIds.stream().map((id) -> new Object[] { raised.name(), raised.ordinal(), runId, id, raised.ordinal() })
					.toList());
	}

}
