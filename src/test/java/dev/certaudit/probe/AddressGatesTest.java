package dev.certaudit.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an address's gate decides when the server behind it says "try later". */
class AddressGatesTest {

	private static final InetAddress ADDRESS = InetAddress.getLoopbackAddress();

	private static final String TRY_LATER = "421 4.7.0 Too many concurrent connections";

	@Test
	void addressNeverVisitedHasThePolitenessLimit() {
		AddressGates gates = new AddressGates(new FetchSettings.Politeness(4, Duration.ZERO));

		assertThat(gates.limit(ADDRESS)).isEqualTo(4);
	}

	@Test
	void tryLaterHalvesWhatTheAddressWasTakingDownToOne() throws Exception {
		AddressGates gates = new AddressGates(new FetchSettings.Politeness(8, Duration.ZERO));
		List<AddressGates.Pass> inside = enter(gates, 6);

		inside.get(0).slowDown(TRY_LATER);
		assertThat(gates.limit(ADDRESS)).isEqualTo(3);
		inside.get(1).slowDown(TRY_LATER);
		assertThat(gates.limit(ADDRESS)).isEqualTo(1);
		inside.get(2).slowDown(TRY_LATER);
		assertThat(gates.limit(ADDRESS)).isEqualTo(1);
		inside.forEach(AddressGates.Pass::close);
	}

	/** A limit far above what the address took (or none at all) says nothing about what it can take. */
	@Test
	void tryLaterHalvesTheVisitsInsideWhenTheyAreFewerThanTheLimit() throws Exception {
		AddressGates gates = new AddressGates(FetchSettings.Politeness.UNLIMITED);
		List<AddressGates.Pass> inside = enter(gates, 16);

		inside.get(0).slowDown(TRY_LATER);

		assertThat(gates.limit(ADDRESS)).isEqualTo(8);
		inside.forEach(AddressGates.Pass::close);
	}

	@Test
	void tryLaterFromOneAddressLeavesTheOthersAlone() throws Exception {
		AddressGates gates = new AddressGates(new FetchSettings.Politeness(4, Duration.ZERO));
		InetAddress other = InetAddress.getByName("127.0.0.2");

		try (AddressGates.Pass pass = gates.enter(ADDRESS); AddressGates.Pass elsewhere = gates.enter(other)) {
			pass.slowDown(TRY_LATER);
		}

		assertThat(gates.limit(ADDRESS)).isEqualTo(1);
		assertThat(gates.limit(other)).isEqualTo(4);
	}

	/** The visits let in before the limit fell go on; the next waits until they are under it. */
	@Test
	void afterTryLaterTheNextVisitWaitsUntilTheVisitsInsideAreUnderTheLoweredLimit() throws Exception {
		AddressGates gates = new AddressGates(new FetchSettings.Politeness(4, Duration.ZERO));
		List<AddressGates.Pass> inside = enter(gates, 4);
		inside.get(0).slowDown(TRY_LATER);
		inside.get(0).close();
		inside.get(1).close();
		CompletableFuture<AddressGates.Pass> next = new CompletableFuture<>();

		Thread visitor = Thread.ofVirtual().start(() -> {
			try {
				next.complete(gates.enter(ADDRESS));
			}
			catch (InterruptedException ex) {
				next.completeExceptionally(ex);
			}
		});

		awaitParked(visitor);
		assertThat(gates.limit(ADDRESS)).isEqualTo(2);
		assertThat(next).isNotDone();
		inside.get(2).close();
		next.get(10, TimeUnit.SECONDS).close();
		inside.get(3).close();
	}

	private static List<AddressGates.Pass> enter(AddressGates gates, int visits) throws InterruptedException {
		List<AddressGates.Pass> passes = new ArrayList<>();
		for (int i = 0; i < visits; i++) {
			passes.add(gates.enter(ADDRESS));
		}
		return passes;
	}

	/** Waits, however loaded the machine, until {@code visitor} waits at the gate. */
	private static void awaitParked(Thread visitor) throws InterruptedException {
		long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (visitor.getState() != Thread.State.WAITING && System.nanoTime() < giveUp) {
			Thread.sleep(5);
		}
		assertThat(visitor.getState()).isEqualTo(Thread.State.WAITING);
	}

}
