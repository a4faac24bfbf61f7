package dev.certaudit.job;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL at 127.0.0.1:5432 (database "test"), one fresh schema per test class so runs of
 * earlier builds never meet the assertions of this one.
 */
final class PostgresTestDatabase {

	static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

	private PostgresTestDatabase() {
	}

	static void register(DynamicPropertyRegistry registry, String schema) {
		recreate(schema);
		registry.add("spring.datasource.url", () -> url(schema));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("spring.flyway.schemas", () -> schema);
	}

	static String url(String schema) {
		return SERVER + "?currentSchema=" + schema;
	}

	private static void recreate(String schema) {
		try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (database test) is needed: " + ex.getMessage(),
					ex);
		}
	}

}
