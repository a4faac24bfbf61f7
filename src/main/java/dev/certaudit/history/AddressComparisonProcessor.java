package dev.certaudit.history;

import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.certaudit.analysis.AnalysisEngine;
import dev.certaudit.analysis.Finding;
import dev.certaudit.history.ComparisonStore.ServedCertificate;

/** Judges one group of addresses with the engine's rules across addresses. */
public class AddressComparisonProcessor implements ItemProcessor<AddressGroup, AddressComparisonProcessor.Inconsistency> {

	/** The targets of a group and the findings they all get. */
	public record Inconsistency(long runId, List<Long> targetIds, List<Finding> findings) {
	}

	private final ComparisonStore store;

	private final AnalysisEngine engine;

	public AddressComparisonProcessor(ComparisonStore store, AnalysisEngine engine) {
		this.store = store;
		this.engine = engine;
	}

	@Override
	public Inconsistency process(AddressGroup group) {
		List<ServedCertificate> served = this.store.servedCertificates(group);
		List<Finding> findings = this.engine.assessAcrossAddresses(group.host() + ":" + group.port(),
				served.stream().map(ServedCertificate::served).toList());
		if (findings.isEmpty()) {
			return null;
		}
		return new Inconsistency(group.runId(), served.stream().map(ServedCertificate::targetId).toList(), findings);
	}

}
