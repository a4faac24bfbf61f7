package dev.certaudit.probe;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.certaudit.inventory.IpLiterals;

/**
 * One gate per IP address that lets at most {@code perAddress} visits in at once, their starts at least
 * {@code gap} apart, and fewer once the address has answered "try later". Waiting happens on the
 * visiting virtual thread, so a crowded address holds up only the visits to it.
 */
final class AddressGates {

	private static final Logger log = LoggerFactory.getLogger(AddressGates.class);

	private final FetchSettings.Politeness politeness;

	private final ConcurrentMap<InetAddress, Gate> gates = new ConcurrentHashMap<>();

	AddressGates(FetchSettings.Politeness politeness) {
		this.politeness = politeness;
	}

	/** Waits for the address's turn; the visit ends by closing the returned pass. */
	Pass enter(InetAddress address) throws InterruptedException {
		Gate gate = this.gates.computeIfAbsent(address, (key) -> new Gate(key, this.politeness));
		gate.visits.acquire();
		try {
			gate.waitForTurn();
		}
		catch (InterruptedException ex) {
			gate.visits.release();
			throw ex;
		}
		return new Pass(gate);
	}

	/** How many visits the address lets in at once now: the politeness setting, or fewer since it said "try later". */
	int limit(InetAddress address) {
		Gate gate = this.gates.get(address);
		return (gate != null) ? gate.limit() : this.politeness.perAddress();
	}

	/** One visit's place at its address. */
	static final class Pass implements AutoCloseable {

		private final Gate gate;

		private Pass(Gate gate) {
			this.gate = gate;
		}

		/**
		 * The server answered this visit "try later" ({@code reply}): it takes fewer connections from the
		 * auditing machine than it was given, so from now on the address lets in at once half as many
		 * visits as it was taking, and never fewer than one. Called before the pass closes, so the next
		 * visit already meets the lowered limit. The limit is not raised again while the fetcher lives: an
		 * audit that the server has to turn away is worse than a slower one.
		 */
		void slowDown(String reply) {
			this.gate.lower(reply);
		}

		/** Lets the next visit to the address in. */
		@Override
		public void close() {
			this.gate.visits.release();
		}

	}

	private static final class Gate {

		private final InetAddress address;

		private final Visits visits;

		private final long gapNanos;

		private long nextStartNanos = System.nanoTime();

		// the visits' permits follow it: permits = limit - visits inside
		private int limit;

		Gate(InetAddress address, FetchSettings.Politeness politeness) {
			this.address = address;
			this.limit = politeness.perAddress();
			this.visits = new Visits(this.limit);
			this.gapNanos = politeness.gap().toNanos();
		}

		synchronized int limit() {
			return this.limit;
		}

		/** Halves what the address was taking, down to one visit at once. */
		void lower(String reply) {
			int before;
			int after;
			synchronized (this) {
				before = this.limit;
				int inside = before - this.visits.availablePermits();
				after = Math.max(1, Math.min(before, inside) / 2);
				if (after < before) {
					// the visits inside go on; the permits they give back as they end no longer all reopen
					this.visits.reduce(before - after);
					this.limit = after;
				}
			}
			if (after < before) {
				log.info("{} said to try later ({}): at most {} connection(s) to it at once from now on, not {}",
						IpLiterals.text(this.address), reply, after, before);
			}
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

	/** A fair semaphore whose permits can be taken away while visits hold them. */
	private static final class Visits extends Semaphore {

		Visits(int permits) {
			super(permits, true);
		}

		void reduce(int permits) {
			reducePermits(permits);
		}

	}

}
