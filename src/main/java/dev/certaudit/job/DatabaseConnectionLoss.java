package dev.certaudit.job;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a run that failed because its database connection went away (a failover, a restart of the
 * server, {@code pg_terminate_backend}, a pool that could not get a connection in time) from one that
 * failed for a reason of its own. Only the first kind is worth resuming at once: the work was sound,
 * the database will answer again.
 */
final class DatabaseConnectionLoss {

	/**
	 * SQLSTATE class 08 is "connection exception" in SQL:2016 and every driver (Hikari's "Connection is
	 * closed" is 08003); PostgreSQL ends a session with 57P01 (administrator command, e.g.
	 * {@code pg_terminate_backend} or a fast shutdown), 57P02 (crash of another backend) and refuses new
	 * ones with 57P03 while it starts up or recovers.
	 */
	private static final Set<String> POSTGRES_SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

	private DatabaseConnectionLoss() {
	}

	/** The lost connection among the run's failures, if that is why it failed. */
	static Optional<SQLException> of(JobExecution execution) {
		return execution.getAllFailureExceptions().stream().flatMap((failure) -> of(failure).stream()).findFirst();
	}

	/**
	 * The lost connection in a failure's causes. A rollback that failed on the dead connection hides the
	 * failure it was rolling back (the first to meet the loss, with the server's own words), so that one
	 * is looked at first.
	 */
	static Optional<SQLException> of(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> pending = new ArrayDeque<>();
		pending.push(failure);
		while (!pending.isEmpty()) {
			Throwable next = pending.pop();
			if (!seen.add(next)) {
				continue;
			}
			if (next instanceof SQLException sql && isConnectionLoss(sql)) {
				return Optional.of(innermost(sql));
			}
			// depth first, the failure a rollback hid before the rollback's own
			List<Throwable> inner = new ArrayList<>();
			if (next instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
				inner.add(rollback.getApplicationException());
			}
			if (next.getCause() != null) {
				inner.add(next.getCause());
			}
			if (next instanceof SQLException sql && sql.getNextException() != null) {
				inner.add(sql.getNextException());
			}
			inner.addAll(Arrays.asList(next.getSuppressed()));
			inner.reversed().forEach(pending::push);
		}
		return Optional.empty();
	}

	/** The driver's own report under a batch's or a pool's: it has the server's words, without the SQL. */
	private static SQLException innermost(SQLException loss) {
		SQLException innermost = loss;
		while (true) {
			SQLException deeper = (innermost.getNextException() != null) ? innermost.getNextException()
					: (innermost.getCause() instanceof SQLException cause) ? cause : null;
			if (deeper == null || deeper == innermost || !isConnectionLoss(deeper)) {
				return innermost;
			}
			innermost = deeper;
		}
	}

	private static boolean isConnectionLoss(SQLException failure) {
		String state = failure.getSQLState();
		return failure instanceof SQLTransientConnectionException || failure instanceof SQLNonTransientConnectionException
				|| failure instanceof SQLRecoverableException
				|| (state != null && (state.startsWith("08") || POSTGRES_SHUTDOWN_STATES.contains(state)));
	}

}
