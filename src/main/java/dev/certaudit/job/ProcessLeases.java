package dev.certaudit.job;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.certaudit.CertAuditProperties;

/**
 * Leases that tell which managers and workers are alive ({@code process_lease}): a process that works on
 * a run or serves partitions holds one and renews it every quarter of {@code cert-audit.lease.timeout};
 * a lease not renewed for that long belongs to a process that is gone, whichever host or container it
 * ran in. Ages are taken by the database's clock, which every process shares, never by its own.
 */
@Component
public class ProcessLeases implements DisposableBean {

	/** Leases of processes gone this long are forgotten. */
	private static final Duration FORGOTTEN_AFTER = Duration.ofDays(1);

	private static final Logger log = LoggerFactory.getLogger(ProcessLeases.class);

	private final JdbcTemplate jdbc;

	private final Duration timeout;

	private final String id = UUID.randomUUID().toString();

	private ScheduledExecutorService heartbeat;

	public ProcessLeases(DataSource dataSource, CertAuditProperties properties) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.timeout = properties.lease().timeout();
	}

	/**
	 * A process's lease as last renewed.
	 * @param role {@code manager} or {@code worker}
	 * @param queue the queue a worker serves, else null
	 * @param partitionsAtOnce how many partitions a worker runs at once, else 0
	 * @param silentFor how long ago it was last renewed
	 */
	public record Lease(String id, String role, String host, long pid, String queue, int partitionsAtOnce,
			Duration silentFor, boolean alive) {

		/** How logs name the process. */
		public String process() {
			return this.role + " pid " + this.pid + " on " + this.host;
		}

	}

	/**
	 * This process's lease, taken and renewed from the first call on until the process ends.
	 * @param role {@code manager} or {@code worker}
	 * @param queue the queue a worker serves, else null
	 * @param partitionsAtOnce how many partitions a worker runs at once, else 0
	 */
	public synchronized String hold(String role, String queue, int partitionsAtOnce) {
		if (this.heartbeat == null) {
			this.jdbc.update("DELETE FROM process_lease WHERE seen_at < ?",
					Timestamp.valueOf(now().toLocalDateTime().minus(FORGOTTEN_AFTER)));
			this.jdbc.update("INSERT INTO process_lease (lease_id, role, host, pid, queue, partitions_at_once,"
					+ " started_at, seen_at) VALUES (?, ?, ?, ?, ?, ?, LOCALTIMESTAMP, LOCALTIMESTAMP)", this.id, role,
					AuditLauncher.hostName(), ProcessHandle.current().pid(), queue, partitionsAtOnce);
			this.heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
				.daemon()
				.name("cert-audit-lease")
				.factory());
			long every = Math.max(1, this.timeout.toMillis() / 4);
			this.heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
		}
		return this.id;
	}

	public String id() {
		return this.id;
	}

	/** A database that does not answer for a moment costs a renewal, not the process. */
	private void renew() {
		try {
			this.jdbc.update("UPDATE process_lease SET seen_at = LOCALTIMESTAMP WHERE lease_id = ?", this.id);
		}
		catch (DataAccessException ex) {
			log.debug("The lease {} could not be renewed", this.id, ex);
		}
	}

	public Optional<Lease> find(String leaseId) {
		return this.jdbc.query("SELECT l.*, LOCALTIMESTAMP AS now FROM process_lease l WHERE lease_id = ?",
				(rs, i) -> lease(rs), leaseId).stream().findFirst();
	}

	/** Whether the process holding the lease is alive; a lease that is not recorded is not. */
	public boolean alive(String leaseId) {
		return find(leaseId).map(Lease::alive).orElse(false);
	}

	/** The leases of the workers serving the queue that were alive within the last day, oldest first. */
	public List<Lease> workers(String queue) {
		return this.jdbc.query("SELECT l.*, LOCALTIMESTAMP AS now FROM process_lease l WHERE role = 'worker' AND queue = ?"
				+ " ORDER BY started_at", (rs, i) -> lease(rs), queue);
	}

	/** How many partitions the live workers serving the queue run at once, all together. */
	public int partitionsAtOnce(String queue) {
		return workers(queue).stream().filter(Lease::alive).mapToInt(Lease::partitionsAtOnce).sum();
	}

	private Lease lease(java.sql.ResultSet rs) throws java.sql.SQLException {
		Duration silent = Duration.between(rs.getTimestamp("seen_at").toLocalDateTime(),
				rs.getTimestamp("now").toLocalDateTime());
		return new Lease(rs.getString("lease_id"), rs.getString("role"), rs.getString("host"), rs.getLong("pid"),
				rs.getString("queue"), rs.getInt("partitions_at_once"), silent, silent.compareTo(this.timeout) < 0);
	}

	private Timestamp now() {
		return this.jdbc.queryForObject("SELECT LOCALTIMESTAMP", Timestamp.class);
	}

	/** A process that ends cleanly gives its lease back at once. */
	@Override
	public synchronized void destroy() {
		if (this.heartbeat != null) {
			this.heartbeat.shutdownNow();
			try {
				this.jdbc.update("DELETE FROM process_lease WHERE lease_id = ?", this.id);
			}
			catch (DataAccessException ex) {
				log.debug("The lease {} could not be given back; it lapses by itself", this.id, ex);
			}
		}
	}

}
