package dev.certaudit.job;

import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.certaudit.analysis.Finding;
import dev.certaudit.analysis.rules.CertificateDiffersBetweenAddressesRule;
import dev.certaudit.history.AuditStore;
import dev.certaudit.history.AuditStore.ServedCertificate;

/** Judges one group of addresses with {@link CertificateDiffersBetweenAddressesRule}. */
public class AddressComparisonProcessor implements ItemProcessor<AddressGroup, AddressComparisonProcessor.Inconsistency> {

	/** The targets of a group and the finding they all get. */
	public record Inconsistency(long runId, List<Long> targetIds, Finding finding) {
	}

	private final AuditStore store;

	public AddressComparisonProcessor(AuditStore store) {
		this.store = store;
	}

	@Override
	public Inconsistency process(AddressGroup group) {
		List<ServedCertificate> served = this.store.servedCertificates(group.runId(), group.host(), group.port(),
				group.protocol());
		return CertificateDiffersBetweenAddressesRule
			.check(group.host() + ":" + group.port(), served.stream().map(ServedCertificate::served).toList())
			.map((finding) -> new Inconsistency(group.runId(), served.stream().map(ServedCertificate::targetId).toList(),
					finding))
			.orElse(null);
	}

}
