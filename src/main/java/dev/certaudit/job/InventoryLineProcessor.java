package dev.certaudit.job;

import dev.certaudit.CertAuditProperties.BadLinePolicy;
import dev.certaudit.history.AuditTarget;
import dev.certaudit.history.Rejection;
import dev.certaudit.inventory.HostListParser;
import dev.certaudit.inventory.InventoryLineException;
import dev.certaudit.inventory.RejectedLine;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Parses a line into a target. A malformed line either stops the run before anything is fetched
 * ({@link BadLinePolicy#FAIL}) or is kept as a rejection that the reports list ({@link BadLinePolicy#SKIP}).
 */
public class InventoryLineProcessor implements ItemProcessor<InventoryLine, ParsedLine> {

	private final long runId;

	private final BadLinePolicy policy;

	public InventoryLineProcessor(long runId, BadLinePolicy policy) {
		this.runId = runId;
		this.policy = policy;
	}

	@Override
	public ParsedLine process(InventoryLine line) {
		try {
			return HostListParser.parse(line.text(), line.origin())
				.map((target) -> new ParsedLine(new AuditTarget(this.runId, line.lineId(), target), null))
				.orElse(null);
		}
		catch (InventoryLineException ex) {
			if (this.policy == BadLinePolicy.FAIL) {
				throw ex;
			}
			return new ParsedLine(null,
					new Rejection(this.runId, line.lineId(), new RejectedLine(ex.origin(), ex.line(), ex.reason())));
		}
	}

}
