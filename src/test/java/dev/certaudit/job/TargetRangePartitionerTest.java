package dev.certaudit.job;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

class TargetRangePartitionerTest {

	private final DriverManagerDataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:partitioner;DB_CLOSE_DELAY=-1");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	@Test
	void rangesCoverEveryTargetOfTheRunOnceAndHoldAsManyEachDespiteGapsInTheIds() {
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS audit_target (run_id BIGINT, target_id BIGINT)");
		this.jdbc.update("DELETE FROM audit_target");
		// run 1 holds ids 1..10 and 1000..1009, run 2 other ids that must not count
		LongStream.concat(LongStream.rangeClosed(1, 10), LongStream.rangeClosed(1000, 1009))
			.forEach((id) -> this.jdbc.update("INSERT INTO audit_target VALUES (1, ?)", id));
		LongStream.rangeClosed(11, 500).forEach((id) -> this.jdbc.update("INSERT INTO audit_target VALUES (2, ?)", id));

		Map<String, ExecutionContext> partitions = new TargetRangePartitioner(this.dataSource, 1).partition(4);

		assertThat(partitions).containsOnlyKeys("partition0", "partition1", "partition2", "partition3");
		List<TargetRange> ranges = partitions.values().stream().map(TargetRange::of).toList();
		assertThat(ranges).containsExactly(new TargetRange(1, 5), new TargetRange(6, 10), new TargetRange(1000, 1004),
				new TargetRange(1005, 1009));
	}

	@Test
	void fewerTargetsThanPartitionsMakeOnePartitionPerTarget() {
		this.jdbc.execute("CREATE TABLE IF NOT EXISTS audit_target (run_id BIGINT, target_id BIGINT)");
		this.jdbc.update("DELETE FROM audit_target");
		this.jdbc.update("INSERT INTO audit_target VALUES (3, 42), (3, 43)");

		assertThat(new TargetRangePartitioner(this.dataSource, 3).partition(8).values().stream().map(TargetRange::of))
			.containsExactly(new TargetRange(42, 42), new TargetRange(43, 43));
		assertThat(new TargetRangePartitioner(this.dataSource, 4).partition(8)).isEmpty();
	}

}
