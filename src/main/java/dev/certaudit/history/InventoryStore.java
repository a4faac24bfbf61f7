package dev.certaudit.history;

import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.certaudit.inventory.AuditCandidate;
import dev.certaudit.inventory.ParsedLine;
import dev.certaudit.inventory.Rejection;

/**
 * What loadInventory writes: the endpoints the inventories ask for and the lines it skipped. Writers
 * replace the rows of the keys they are given (delete, then insert, in the caller's transaction), so a
 * chunk redone after a restart leaves exactly one row per key, as every store's writers do.
 */
@Repository
public class InventoryStore {

	private final JdbcTemplate jdbc;

	public InventoryStore(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** The candidates and rejections of some parsed inventory entries. */
	public void save(List<? extends ParsedLine> lines) {
		saveCandidates(lines.stream().flatMap((line) -> line.candidates().stream()).toList());
		saveRejections(lines.stream().map(ParsedLine::rejection).filter((r) -> r != null).toList());
	}

	private void saveCandidates(Collection<? extends AuditCandidate> candidates) {
		this.jdbc.batchUpdate("DELETE FROM audit_candidate WHERE run_id = ? AND candidate_id = ?",
				candidates.stream().map((c) -> new Object[] { c.runId(), c.candidateId() }).toList());
		this.jdbc.batchUpdate(
				"INSERT INTO audit_candidate (run_id, candidate_id, host, port, protocol, address, labels, origin, explicit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				candidates.stream().map((c) -> new Object[] { c.runId(), c.candidateId(), c.target().host(),
						c.target().port(), c.target().protocol().name(), c.target().address(),
						Columns.truncate(c.target().labelText(), 2000), Columns.truncate(c.target().origin(), 1000),
						c.explicit() })
					.toList());
	}

	private void saveRejections(Collection<? extends Rejection> rejections) {
		for (Rejection rejection : rejections) {
			this.jdbc.update("DELETE FROM inventory_rejection WHERE run_id = ? AND line_id = ?", rejection.runId(),
					rejection.lineId());
		}
		this.jdbc.batchUpdate(
				"INSERT INTO inventory_rejection (run_id, line_id, origin, line_text, reason) VALUES (?, ?, ?, ?, ?)",
				rejections.stream().map((r) -> new Object[] { r.runId(), r.lineId(), Columns.truncate(r.line().origin(), 1000),
						Columns.truncate(r.line().line(), 2000), Columns.truncate(r.line().reason(), 1000) }).toList());
	}

}
