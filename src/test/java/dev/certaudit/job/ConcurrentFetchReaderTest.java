package dev.certaudit.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.Target;
import dev.certaudit.probe.ProbedTarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConcurrentFetchReaderTest {

	@Test
	void slowTargetDoesNotHoldBackTheOthers() throws Exception {
		Function<AuditTarget, ProbedTarget> fetch = (target) -> {
			sleep(Duration.ofMillis((target.targetId() == 1) ? 1500 : 20));
			return probed(target);
		};
		ConcurrentFetchReader<AuditTarget, ProbedTarget> reader = new ConcurrentFetchReader<>(targets(40), fetch, 4);

		long started = System.nanoTime();
		List<Long> order = readAll(reader);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(order).hasSize(40).doesNotHaveDuplicates();
		// 39 quick fetches four at a time finish long before the slow one, which comes last
		assertThat(order.getLast()).isEqualTo(1L);
		assertThat(took).isLessThan(Duration.ofMillis(1500 + 39 * 20));
	}

	@Test
	void neverMoreFetchesInFlightThanTheConcurrency() throws Exception {
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostInFlight = new AtomicInteger();
		Function<AuditTarget, ProbedTarget> fetch = (target) -> {
			mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			sleep(Duration.ofMillis(10));
			inFlight.decrementAndGet();
			return probed(target);
		};

		assertThat(readAll(new ConcurrentFetchReader<>(targets(200), fetch, 16))).hasSize(200);
		assertThat(mostInFlight.get()).isEqualTo(16);
	}

	@Test
	void failedFetchFailsTheRead() {
		Function<AuditTarget, ProbedTarget> fetch = (target) -> {
			if (target.targetId() == 3) {
				throw new IllegalStateException("fetch of target 3 failed");
			}
			return probed(target);
		};
		ConcurrentFetchReader<AuditTarget, ProbedTarget> reader = new ConcurrentFetchReader<>(targets(5), fetch, 2);

		assertThatIllegalStateException().isThrownBy(() -> readAll(reader)).withMessage("fetch of target 3 failed");
	}

	private static List<Long> readAll(ConcurrentFetchReader<AuditTarget, ProbedTarget> reader) throws Exception {
		List<Long> ids = new ArrayList<>();
		reader.open(new ExecutionContext());
		try {
			for (ProbedTarget probed; (probed = reader.read()) != null;) {
				ids.add(probed.targetId());
			}
		}
		finally {
			reader.close();
		}
		return ids;
	}

	private static ItemStreamReader<AuditTarget> targets(int count) {
		Iterator<AuditTarget> targets = LongStream.rangeClosed(1, count)
			.mapToObj((id) -> new AuditTarget(1, id, id,
					new Target("host-" + id + ".test", 443, Protocol.TLS, "127.0.0.1", Map.of(), "hosts.txt:" + id), null,
					null))
			.iterator();
		return new ItemStreamReader<>() {
			@Override
			public AuditTarget read() {
				return targets.hasNext() ? targets.next() : null;
			}
		};
	}

	private static ProbedTarget probed(AuditTarget target) {
		return new ProbedTarget(target, null);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
