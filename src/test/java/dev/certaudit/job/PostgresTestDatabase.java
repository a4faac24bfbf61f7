package dev.certaudit.job;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL at 127.0.0.1:5432 (database "test"), one fresh schema per test class and JVM, so
 * neither earlier builds nor a build running beside this one meet its assertions; the schema is
 * dropped when the JVM ends.
 */
public final class PostgresTestDatabase {

	static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

	private PostgresTestDatabase() {
	}

	/** @return the schema actually used: {@code prefix} made unique to this JVM */
	public static String register(DynamicPropertyRegistry registry, String prefix) {
		String schema = prefix + "_" + ProcessHandle.current().pid();
		recreate(schema);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(schema)));
		registry.add("spring.datasource.url", () -> url(schema));
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("spring.flyway.schemas", () -> schema);
		return schema;
	}

	static String url(String schema) {
		return SERVER + "?currentSchema=" + schema;
	}

	private static void recreate(String schema) {
		try {
			execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (database test) is needed: " + ex.getMessage(),
					ex);
		}
	}

	private static void drop(String schema) {
		try {
			execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
		catch (SQLException ex) {
			// best effort at exit: a schema left behind holds only test data and never meets another run
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
