package dev.certaudit.history;

import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.rules.CertificateDiffersBetweenAddressesRule;
import dev.certaudit.history.ComparisonStore.ServedCertificate;

/** Judges one group of addresses with {@link CertificateDiffersBetweenAddressesRule}. */
public class AddressComparisonProcessor implements ItemProcessor<AddressGroup, AddressComparisonProcessor.Inconsistency> {

	/** The targets of a group and the finding they all get. */
	public record Inconsistency(long runId, List<Long> targetIds, Finding finding) {
	}

	private final ComparisonStore store;

	public AddressComparisonProcessor(ComparisonStore store) {
		this.store = store;
	}

	@Override
	public Inconsistency process(AddressGroup group) {
		List<ServedCertificate> served = this.store.servedCertificates(group);
		return CertificateDiffersBetweenAddressesRule
			.check(group.host() + ":" + group.port(), served.stream().map(ServedCertificate::served).toList())
			.map((finding) -> new Inconsistency(group.runId(), served.stream().map(ServedCertificate::targetId).toList(),
					finding))
			.orElse(null);
	}

}
