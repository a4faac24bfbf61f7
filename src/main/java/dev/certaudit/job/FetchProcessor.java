package dev.certaudit.job;

import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.certaudit.history.AuditTarget;
import dev.certaudit.history.ProbedTarget;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.probe.CertificateFetcher;
import dev.certaudit.probe.CertificateFileReader;
import dev.certaudit.probe.ProbeResult;

/**
 * Fetches one target's chain, or reads it from a certificate file; runs on many virtual threads at
 * once within a chunk.
 */
public class FetchProcessor implements ItemProcessor<AuditTarget, ProbedTarget> {

	private final CertificateFetcher fetcher;

	private final CertificateFileReader fileReader;

	private final FetchProgressListener.Tracker progress;

	public FetchProcessor(CertificateFetcher fetcher, CertificateFileReader fileReader,
			FetchProgressListener.Tracker progress) {
		this.fetcher = fetcher;
		this.fileReader = fileReader;
		this.progress = progress;
	}

	@Override
	public ProbedTarget process(AuditTarget item) {
		ProbeResult probe;
		if (item.target().protocol() == Protocol.FILE) {
			probe = this.fileReader.read(Path.of(item.target().host()));
		}
		else if (item.unresolved() != null) {
			probe = ProbeResult.unresolved(item.unresolved());
		}
		else {
			probe = this.fetcher.fetch(item.target());
		}
		this.progress.probed(probe);
		return new ProbedTarget(item.runId(), item.targetId(), item.target().host(), item.target().protocol(), probe);
	}

}
