package dev.certaudit.job;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.certaudit.history.AuditTarget;
import dev.certaudit.history.ProbedTarget;
import dev.certaudit.probe.CertificateFetcher;
import dev.certaudit.probe.ProbeResult;

/** Fetches one target's chain; runs on many virtual threads at once within a chunk. */
public class FetchProcessor implements ItemProcessor<AuditTarget, ProbedTarget> {

	private final CertificateFetcher fetcher;

	public FetchProcessor(CertificateFetcher fetcher) {
		this.fetcher = fetcher;
	}

	@Override
	public ProbedTarget process(AuditTarget item) {
		ProbeResult probe = (item.unresolved() != null) ? ProbeResult.unresolved(item.unresolved())
				: this.fetcher.fetch(item.target());
		return new ProbedTarget(item.runId(), item.targetId(), item.target().host(), probe);
	}

}
