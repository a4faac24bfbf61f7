package dev.certaudit.job;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.certaudit.history.AuditTarget;
import dev.certaudit.history.ProbedTarget;
import dev.certaudit.probe.CertificateFetcher;

/** Fetches one target's chain; runs on many virtual threads at once within a chunk. */
public class FetchProcessor implements ItemProcessor<AuditTarget, ProbedTarget> {

	private final CertificateFetcher fetcher;

	public FetchProcessor(CertificateFetcher fetcher) {
		this.fetcher = fetcher;
	}

	@Override
	public ProbedTarget process(AuditTarget item) {
		return new ProbedTarget(item.runId(), item.targetId(), item.target().host(), this.fetcher.fetch(item.target()));
	}

}
