package dev.certaudit.job;

import java.sql.Timestamp;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the leases tell a manager about the workers serving its queue. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:process-leases;DB_CLOSE_DELAY=-1")
class ProcessLeasesTest {

	private static final String QUEUE = "cert-audit.leases-test";

	@Autowired
	ProcessLeases leases;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void partitionsRunAtOnceCountOnlyTheLiveWorkersOfTheQueue() {
		LocalDateTime now = LocalDateTime.now();
		worker("alive-2", QUEUE, 2, now);
		worker("alive-4", QUEUE, 4, now);
		worker("lapsed", QUEUE, 8, now.minusHours(1));
		worker("other-queue", "cert-audit.elsewhere", 16, now);

		this.leases.hold(PartitionWorker.ROLE, QUEUE, 3);

		assertThat(this.leases.partitionsAtOnce(QUEUE)).isEqualTo(2 + 4 + 3);
		assertThat(this.leases.partitionsAtOnce("cert-audit.nobody")).isZero();
	}

	private void worker(String lease, String queue, int partitionsAtOnce, LocalDateTime seenAt) {
		this.jdbc.update("INSERT INTO process_lease (lease_id, role, host, pid, queue, partitions_at_once, started_at,"
				+ " seen_at) VALUES (?, 'worker', 'worker-pod', 1, ?, ?, ?, ?)", lease, queue, partitionsAtOnce,
				Timestamp.valueOf(seenAt), Timestamp.valueOf(seenAt));
	}

}
