package dev.certaudit.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import org.springframework.stereotype.Component;

import dev.certaudit.inventory.IpLiterals;

/**
 * Rewrites the IPv6 addresses that earlier versions stored as the JDK writes them
 * ({@code 0:0:0:0:0:0:0:1}) in RFC 5952's form ({@code ::1}), as cert-audit writes them now: the runs
 * before the upgrade then compare with those after it endpoint by endpoint, instead of every IPv6
 * endpoint showing as disappeared and new, and a report written again from history uses one form. In
 * Java, as SQL has no portable way to find an address's longest run of zero groups. Spring Boot hands
 * this bean to Flyway, which runs it between the SQL migrations by its version.
 */
@Component
public class Rfc5952AddressesMigration implements JavaMigration {

	static final MigrationVersion VERSION = MigrationVersion.fromVersion("13");

	@Override
	public MigrationVersion getVersion() {
		return VERSION;
	}

	@Override
	public String getDescription() {
		return "rfc5952 addresses";
	}

	@Override
	public Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		rewrite(connection, "audit_candidate", "address", "run_id", "candidate_id");
		rewrite(connection, "audit_target", "address", "run_id", "target_id");
		rewrite(connection, "probe_result", "address", "run_id", "target_id");
		rewrite(connection, "discovered_name", "addresses", "run_id", "name");
	}

	/** Each row whose column holds an IPv6 address, or a space-separated list with one, written anew. */
	private static void rewrite(Connection connection, String table, String column, String... key)
			throws SQLException {
		String keys = String.join(", ", key);
		List<Object[]> changed = new ArrayList<>();
		try (PreparedStatement select = connection
			.prepareStatement("SELECT " + keys + ", " + column + " FROM " + table + " WHERE " + column + " LIKE '%:%'");
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				String stored = rows.getString(column);
				String rewritten = Arrays.stream(stored.split(" "))
					.map(IpLiterals::normalised)
					.collect(Collectors.joining(" "));
				if (!rewritten.equals(stored)) {
					Object[] row = new Object[key.length + 1];
					row[0] = rewritten;
					for (int i = 0; i < key.length; i++) {
						row[i + 1] = rows.getObject(key[i]);
					}
					changed.add(row);
				}
			}
		}
		String where = Arrays.stream(key).map((name) -> name + " = ?").collect(Collectors.joining(" AND "));
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + where)) {
			for (Object[] row : changed) {
				for (int i = 0; i < row.length; i++) {
					update.setObject(i + 1, row[i]);
				}
				update.addBatch();
			}
			update.executeBatch();
		}
	}

}
