package dev.certaudit.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.history.AuditRun;
import dev.certaudit.history.ProbeStore;
import dev.certaudit.history.RecordedRuns;
import dev.certaudit.history.TargetSlice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** How a remote run's targets are dealt out to its partitions, and what each partition then reads. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:target-slices;DB_CLOSE_DELAY=-1")
@Import(RecordedRuns.class)
class TargetSlicePartitionerTest {

	@Autowired
	RecordedRuns runs;

	@Autowired
	ProbeStore store;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void hostsListedTogetherOrAtRegularStepsAreSpreadOverEveryPartition() {
		// as discovery numbers them: a thousand ids per inventory line's candidate
		AuditRun run = runWithTargets(LongStream.rangeClosed(1, 800).map((line) -> line * 1000).toArray());

		Map<String, ExecutionContext> partitions = new TargetSlicePartitioner(this.store, run.runId(), 1000, () -> 0)
			.partition(8);

		assertThat(partitions).hasSize(8);
		assertThat(partitions.values().stream().map(TargetSlice::of).mapToLong((s) -> this.store.targets(run.runId(), s)))
			.containsOnly(100L);
		for (int slice = 0; slice < 8; slice++) {
			List<Long> members = members(run, slice);
			// a dead subnet listed first: its 100 hosts, 12.5 a partition on average (at most 3 times that)
			assertThat(members.stream().filter((id) -> id <= 100_000)).hasSizeLessThanOrEqualTo(37);
			// every other line another service of the same host: 50 a partition on average, all or none if
			// the lines were dealt in their order
			assertThat(members.stream().filter((id) -> id % 2000 == 0)).hasSizeBetween(25, 75);
		}
	}

	@Test
	void aLargeRunIsCutIntoMorePartitionsOfAtMostThePartitionSize() {
		AuditRun run = runWithTargets(LongStream.rangeClosed(1, 20).toArray());

		assertThat(new TargetSlicePartitioner(this.store, run.runId(), 3, () -> 0).partition(4)).hasSize(7);
		List<Long> sizes = LongStream.range(0, 7)
			.mapToObj((slice) -> this.store.targets(run.runId(), new TargetSlice((int) slice)))
			.toList();
		assertThat(sizes).allMatch((targets) -> targets == 2 || targets == 3);
		assertThat(sizes.stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
	}

	@Test
	void partitionsAreAMultipleOfWhatTheLiveWorkersRunAtOnce() {
		AuditRun run = runWithTargets(LongStream.rangeClosed(1, 100).toArray());

		// three workers serving two partitions each: two full rounds rather than a round of 6 and one of 2
		assertThat(new TargetSlicePartitioner(this.store, run.runId(), 1000, () -> 6).partition(8)).hasSize(12);
		assertThat(new TargetSlicePartitioner(this.store, run.runId(), 1000, () -> 4).partition(8)).hasSize(8);
		assertThat(new TargetSlicePartitioner(this.store, run.runId(), 30, () -> 3).partition(2)).hasSize(6);
	}

	@Test
	void fewerTargetsThanPartitionsMakeOnePartitionPerTargetAndNoTargetsNone() {
		AuditRun two = runWithTargets(42, 43);
		AuditRun none = runWithTargets();

		assertThat(new TargetSlicePartitioner(this.store, two.runId(), 1000, () -> 0).partition(8)).hasSize(2);
		assertThat(new TargetSlicePartitioner(this.store, none.runId(), 1000, () -> 0).partition(8)).isEmpty();
	}

	@Test
	void aSliceReadsAndCountsOnlyItsOwnTargetsAndSecondLooksGoWithTheirTarget() throws Exception {
		AuditRun run = runWithTargets(1000, 2000, 3000, 4000, 5000, 6000);
		this.runs.endpoint(run, 1500, "rsa.example.test", 443).fetchedFrom("192.0.2.1").save();
		this.jdbc.update("UPDATE audit_target SET certificate_variant = 'RSA' WHERE run_id = ? AND target_id = 1500",
				run.runId());
		this.runs.endpoint(run, 7000, "done.example.test", 443).fetchedFrom("192.0.2.7").save();
		TargetSlicePartitioner partitioner = new TargetSlicePartitioner(this.store, run.runId(), 1000, () -> 0);
		partitioner.partition(2);
		// dealt again, as a manager that died before it saved its partitions deals them when restarted
		partitioner.partition(2);

		TargetSlice first = new TargetSlice(0);
		List<Long> firstMembers = members(run, 0);
		List<Long> dealt = new ArrayList<>(firstMembers);
		dealt.addAll(members(run, 1));
		assertThat(dealt).containsExactlyInAnyOrder(1000L, 2000L, 3000L, 4000L, 5000L, 6000L, 7000L);
		assertThat(firstMembers).hasSizeBetween(3, 4);
		assertThat(unprobed(run, first)).isEqualTo(firstMembers.stream().filter((id) -> id != 7000).toList());
		assertThat(this.store.targets(run.runId(), first)).isEqualTo(firstMembers.size());
		assertThat(this.store.probed(run.runId(), first).done()).isEqualTo(firstMembers.contains(7000L) ? 1 : 0);
		assertThat(unprobed(run, TargetSlice.ALL)).containsExactly(1000L, 2000L, 3000L, 4000L, 5000L, 6000L);
		assertThat(this.store.probed(run.runId(), TargetSlice.ALL).done()).isEqualTo(2);
	}

	@Test
	void aPartitionCutByTargetIdRangesIsRefusedRatherThanReadAsTheWholeRun() {
		ExecutionContext ranged = new ExecutionContext();
		ranged.putLong("firstTargetId", 1);
		ranged.putLong("lastTargetId", 9);

		assertThatIllegalStateException().isThrownBy(() -> TargetSlice.of(ranged)).withMessageContaining("audit --new");
		assertThat(TargetSlice.of(new ExecutionContext())).isEqualTo(TargetSlice.ALL);
	}

	private AuditRun runWithTargets(long... targetIds) {
		AuditRun run = this.runs.newRun("hosts:/etc/cert-audit/hosts.txt");
		for (long id : targetIds) {
			this.runs.endpoint(run, id, "host" + id + ".example.test", 443).save();
		}
		return run;
	}

	private List<Long> members(AuditRun run, int slice) {
		return this.jdbc.queryForList("SELECT target_id FROM target_slice WHERE run_id = ? AND slice = ? ORDER BY target_id",
				Long.class, run.runId(), slice);
	}

	private List<Long> unprobed(AuditRun run, TargetSlice slice) throws Exception {
		JdbcPagingItemReader<AuditTarget> reader = this.store.unprobedTargets(run.runId(), slice, 2);
		reader.afterPropertiesSet();
		reader.open(new ExecutionContext());
		List<Long> ids = new ArrayList<>();
		for (AuditTarget target = reader.read(); target != null; target = reader.read()) {
			ids.add(target.targetId());
		}
		reader.close();
		return ids;
	}

}
