package dev.certaudit.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Parses an inventory entry into candidates, as its {@link SourceKind} says: a host line as written, a
 * domain or zone name expanded with the service prefixes, a certificate file as one candidate named by
 * its path. A malformed line either stops the run before anything is fetched ({@link BadLinePolicy#FAIL})
 * or is kept as a rejection that the reports list ({@link BadLinePolicy#SKIP}).
 */
public class InventoryLineProcessor implements ItemProcessor<InventoryLine, ParsedLine> {

	private final long runId;

	private final BadLinePolicy policy;

	private final Supplier<PrefixExpansion> expansion;

	/** @param expansion read on first use, so host-only runs need no prefix list */
	public InventoryLineProcessor(long runId, BadLinePolicy policy, Supplier<PrefixExpansion> expansion) {
		this.runId = runId;
		this.policy = policy;
		this.expansion = expansion;
	}

	@Override
	public ParsedLine process(InventoryLine line) {
		try {
			List<Target> targets = line.kind().targets(line, this.expansion);
			if (targets.isEmpty()) {
				return null;
			}
			if (targets.size() > AuditCandidate.PER_LINE) {
				throw new InventoryLineException(line.origin(), line.text(), "expands to " + targets.size()
						+ " endpoints, more than the " + AuditCandidate.PER_LINE + " one entry may have");
			}
			List<AuditCandidate> candidates = new ArrayList<>();
			for (int i = 0; i < targets.size(); i++) {
				candidates.add(AuditCandidate.of(this.runId, line.lineId(), i, targets.get(i), line.kind().explicit()));
			}
			return new ParsedLine(candidates, null);
		}
		catch (InventoryLineException ex) {
			if (this.policy == BadLinePolicy.FAIL) {
				throw ex;
			}
			return new ParsedLine(List.of(),
					new Rejection(this.runId, line.lineId(), new RejectedLine(ex.origin(), ex.line(), ex.reason())));
		}
	}

}
