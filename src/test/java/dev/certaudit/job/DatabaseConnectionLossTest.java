package dev.certaudit.job;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** A run that failed because the database went away, told from one that failed for a reason of its own. */
class DatabaseConnectionLossTest {

	private static final SQLException TERMINATED = new SQLException(
			"FATAL: terminating connection due to administrator command", "57P01");

	@Test
	void sessionEndedByTheServerIsALostConnectionNamedInTheServersWords() {
		BatchUpdateException batch = new BatchUpdateException("Batch entry 0 DELETE FROM probe_result ... was aborted",
				"57P01", new int[0]);
		batch.setNextException(TERMINATED);

		assertThat(DatabaseConnectionLoss.of(new DataAccessResourceFailureException("DELETE failed", batch)))
			.containsSame(TERMINATED);
	}

	@Test
	void rollbackThatFailedOnTheDeadConnectionIsALostConnectionNamedByTheFailureItRolledBack() {
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed", "08003"));
		rollback.initApplicationException(new DataAccessResourceFailureException("DELETE failed", TERMINATED));

		assertThat(DatabaseConnectionLoss.of(rollback)).containsSame(TERMINATED);
	}

	@Test
	void poolThatGotNoConnectionInTimeIsALostConnection() {
		SQLTransientConnectionException timeout = new SQLTransientConnectionException(
				"cert-audit - Connection is not available, request timed out after 20000ms");

		assertThat(DatabaseConnectionLoss.of(new IllegalStateException(timeout))).containsSame(timeout);
	}

	@Test
	void databaseThatRefusesConnectionsWhileItRecoversIsALostConnection() {
		SQLException starting = new SQLException("FATAL: the database system is starting up", "57P03");

		assertThat(DatabaseConnectionLoss.of(starting)).containsSame(starting);
	}

	@Test
	void failuresOfTheRunsOwnAreNot() {
		assertThat(DatabaseConnectionLoss.of(new DataIntegrityViolationException("value too long",
				new SQLException("ERROR: value too long for type character varying(2000)", "22001"))))
			.isEmpty();
		assertThat(DatabaseConnectionLoss.of(new IllegalStateException("injected failure"))).isEmpty();
	}

}
