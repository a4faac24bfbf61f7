package dev.certaudit.history;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import dev.certaudit.discovery.AddressFanOut;
import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.discovery.DiscoveryProcessor.Discovered;
import dev.certaudit.discovery.NameResolution;
import dev.certaudit.discovery.NameToDiscover;
import dev.certaudit.inventory.AuditCandidate;

/**
 * What discoverTargets reads and writes: the names of a run's candidates, what the hosts file or DNS
 * answered, the targets.
 */
@Repository
public class DiscoveryStore {

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	public DiscoveryStore(DataSource dataSource) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.named = new NamedParameterJdbcTemplate(this.jdbc);
	}

	/** The distinct names of a run's candidates, in name order, {@code pageSize} a query. */
	public JdbcPagingItemReader<NameToDiscover> namesToDiscover(long runId, int pageSize) throws Exception {
		return new JdbcPagingItemReaderBuilder<NameToDiscover>().name("namesToDiscover")
			.dataSource(this.dataSource)
			.selectClause("SELECT host, needs_dns")
			// a derived table, as the paging reader cannot page over GROUP BY with its own sort key
			// a certificate file's path is no name to look up
			.fromClause("FROM (SELECT host, MAX(CASE WHEN address IS NULL AND protocol <> 'FILE' THEN 1 ELSE 0 END) AS needs_dns"
					+ " FROM audit_candidate WHERE run_id = :run GROUP BY host) names")
			.parameterValues(Map.of("run", runId))
			.sortKeys(Map.of("host", Order.ASCENDING))
			.rowMapper((rs, i) -> new NameToDiscover(runId, rs.getString("host"), rs.getInt("needs_dns") == 1))
			.pageSize(pageSize)
			.build();
	}

	/**
	 * Records what the hosts file or DNS answered for some names and replaces every target of their candidates, so a
	 * redone discovery chunk leaves no stale address.
	 */
	public void save(List<? extends Discovered> discovered) {
		if (discovered.isEmpty()) {
			return;
		}
		long runId = discovered.get(0).name().runId();
		saveResolutions(runId, discovered.stream().flatMap((d) -> d.resolution().stream()).toList());
		Map<String, Optional<NameResolution>> byName = discovered.stream()
			.collect(Collectors.toMap((d) -> d.name().name(), Discovered::resolution));
		List<AuditCandidate> candidates = candidatesNamed(runId, byName.keySet());
		replaceTargets(runId, candidates.stream().map(AuditCandidate::candidateId).toList(),
				AddressFanOut.targets(candidates, byName));
	}

	private void saveResolutions(long runId, Collection<NameResolution> resolutions) {
		this.jdbc.batchUpdate("DELETE FROM discovered_name WHERE run_id = ? AND name = ?",
				resolutions.stream().map((r) -> new Object[] { runId, r.name() }).toList());
		this.jdbc.batchUpdate(
				"INSERT INTO discovered_name (run_id, name, outcome, address_source, cname_chain, addresses, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
				resolutions.stream()
					.map((r) -> new Object[] { runId, r.name(), r.outcome().name(), r.source().name(),
							Columns.truncate(String.join(" ", r.cnameChain()), 2000),
							Columns.truncate(String.join(" ", r.addresses()), 4000), Columns.truncate(r.detail(), 1000) })
					.toList());
	}

	/** The candidates of a run with one of the given names, in inventory order. */
	private List<AuditCandidate> candidatesNamed(long runId, Collection<String> names) {
		return this.named.query("SELECT * FROM audit_candidate WHERE run_id = :run AND host IN (:names) ORDER BY candidate_id",
				new MapSqlParameterSource("run", runId).addValue("names", names),
				(rs, i) -> new AuditCandidate(rs.getLong("run_id"), rs.getLong("candidate_id"),
						Columns.target(rs, "address", rs.getString("origin")), rs.getBoolean("explicit")));
	}

	private void replaceTargets(long runId, Collection<Long> candidateIds, Collection<AuditTarget> targets) {
		this.jdbc.batchUpdate("DELETE FROM audit_target WHERE run_id = ? AND candidate_id = ?",
				candidateIds.stream().map((id) -> new Object[] { runId, id }).toList());
		Columns.insertTargets(this.jdbc, targets);
	}

}
