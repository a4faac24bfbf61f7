package dev.certaudit.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * One gate per IP address that lets at most {@code perAddress} visits in at once, their starts at least
 * {@code gap} apart. Waiting happens on the visiting virtual thread, so a crowded address holds up only
 * the visits to it.
 */
final class AddressGates {

	private final FetchSettings.Politeness politeness;

	private final ConcurrentMap<InetAddress, Gate> gates = new ConcurrentHashMap<>();

	AddressGates(FetchSettings.Politeness politeness) {
		this.politeness = politeness;
	}

	/** Waits for the address's turn; the visit ends by closing the returned pass. */
	Pass enter(InetAddress address) throws InterruptedException {
		Gate gate = this.gates.computeIfAbsent(address, (key) -> new Gate(this.politeness));
		gate.visits.acquire();
		try {
			gate.waitForTurn();
		}
		catch (InterruptedException ex) {
			gate.visits.release();
			throw ex;
		}
		return gate.visits::release;
	}

	/** Lets the next visit to the address in. */
	@FunctionalInterface
	interface Pass extends AutoCloseable {

		@Override
		void close();

	}

	private static final class Gate {

		private final Semaphore visits;

		private final long gapNanos;

		private long nextStartNanos = System.nanoTime();

		Gate(FetchSettings.Politeness politeness) {
			this.visits = new Semaphore(politeness.perAddress(), true);
			this.gapNanos = politeness.gap().toNanos();
		}

		void waitForTurn() throws InterruptedException {
			if (this.gapNanos == 0) {
				return;
			}
			long now = System.nanoTime();
			long start;
			synchronized (this) {
				start = Math.max(now, this.nextStartNanos);
				this.nextStartNanos = start + this.gapNanos;
			}
			if (start > now) {
				Thread.sleep(Duration.ofNanos(start - now));
			}
		}

	}

}
