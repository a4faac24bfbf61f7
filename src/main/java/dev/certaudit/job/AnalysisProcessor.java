package dev.certaudit.job;

import java.time.Instant;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.certaudit.analysis.AnalysisEngine;
import dev.certaudit.history.AssessedTarget;
import dev.certaudit.history.ProbedTarget;
import dev.certaudit.inventory.Protocol;

/** Judges one fetched chain at the run's judgement instant, so every endpoint is judged alike. */
public class AnalysisProcessor implements ItemProcessor<ProbedTarget, AssessedTarget> {

	private final AnalysisEngine engine;

	private final Instant judgedAt;

	public AnalysisProcessor(AnalysisEngine engine, Instant judgedAt) {
		this.engine = engine;
		this.judgedAt = judgedAt;
	}

	@Override
	public AssessedTarget process(ProbedTarget item) {
		return new AssessedTarget(item.runId(), item.targetId(),
				// a certificate file has no name that clients use to check it against
				this.engine.assess((item.protocol() == Protocol.FILE) ? null : item.host(), item.probe(), this.judgedAt));
	}

}
