package dev.certaudit.job;

import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;


/**
 * Keeps {@code concurrency} fetches in flight, each on a virtual thread of its own, and hands the step
 * their results in the order they finish. The work per target is the fetch and whatever follows it on
 * the same thread (the analysis of the chain), so that CPU work overlaps other targets' network waits.
 * A chunk is then the next results to arrive, never a batch waiting for its slowest member: a black-holed endpoint holds one of the window's places for its
 * timeout while every other place goes on. (A chunk of concurrent items, or a partition of them, lasts
 * as long as its slowest endpoint, and with 2% of endpoints timing out most chunks contain one.)
 * <p>
 * It keeps no position: the targets it reads are those of the run without a committed probe, so a
 * restarted step fetches exactly what was in flight or uncommitted when the run stopped.
 */
public class ConcurrentFetchReader<I, T> implements ItemStreamReader<T> {

	private final ItemStreamReader<I> unprobedTargets;

	private final Function<I, T> fetch;

	private final int concurrency;

	private ExecutorService threads;

	private CompletionService<T> completions;

	private int inFlight;

	private boolean targetsLeft;

	public ConcurrentFetchReader(ItemStreamReader<I> unprobedTargets,
			Function<I, T> fetch, int concurrency) {
		this.unprobedTargets = unprobedTargets;
		this.fetch = fetch;
		this.concurrency = concurrency;
	}

	@Override
	public void open(ExecutionContext executionContext) {
		this.unprobedTargets.open(executionContext);
		this.threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fetch-", 0).factory());
		this.completions = new ExecutorCompletionService<>(this.threads);
		this.inFlight = 0;
		this.targetsLeft = true;
	}

	/** The next fetch to finish, after starting as many as the window has room for; null when all are done. */
	@Override
	public T read() throws Exception {
		while (this.targetsLeft && this.inFlight < this.concurrency) {
			I target = this.unprobedTargets.read();
			if (target == null) {
				this.targetsLeft = false;
			}
			else {
				this.completions.submit(() -> this.fetch.apply(target));
				this.inFlight++;
			}
		}
		if (this.inFlight == 0) {
			return null;
		}
		Future<T> done = this.completions.take();
		this.inFlight--;
		try {
			return done.get();
		}
		catch (ExecutionException ex) {
			// the step fails as if the fetch had run on its own thread
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

	@Override
	public void update(ExecutionContext executionContext) {
		this.unprobedTargets.update(executionContext);
	}

	/** Abandons the fetches still in flight: a restart fetches their targets again. */
	@Override
	public void close() {
		if (this.threads != null) {
			this.threads.shutdownNow();
			this.threads = null;
		}
		this.unprobedTargets.close();
	}

}
