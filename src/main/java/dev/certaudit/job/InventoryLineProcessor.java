package dev.certaudit.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.certaudit.CertAuditProperties.BadLinePolicy;
import dev.certaudit.discovery.PrefixExpansion;
import dev.certaudit.history.AuditCandidate;
import dev.certaudit.history.Rejection;
import dev.certaudit.inventory.DomainListParser;
import dev.certaudit.inventory.HostListParser;
import dev.certaudit.inventory.InventoryLineException;
import dev.certaudit.inventory.Protocol;
import dev.certaudit.inventory.RejectedLine;
import dev.certaudit.inventory.SourceKind;
import dev.certaudit.inventory.Target;

/**
 * Parses an inventory entry into candidates: a host line as written, a domain or zone name expanded
 * with the service prefixes, a certificate file as one candidate named by its path. A malformed line either stops the run before anything is fetched
 * ({@link BadLinePolicy#FAIL}) or is kept as a rejection that the reports list ({@link BadLinePolicy#SKIP}).
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
			List<Target> targets = switch (line.kind()) {
				case HOSTS -> HostListParser.parse(line.text(), line.origin()).map(List::of).orElse(List.of());
				case DOMAINS -> DomainListParser.parse(line.text(), line.origin())
					.map((entry) -> this.expansion.get().expand(entry))
					.orElse(List.of());
				case ZONE -> this.expansion.get().expand(line.zoneName(), line.origin());
				case CERT_FILES -> List.of(new Target(line.text(), 0, Protocol.FILE, null, Map.of(), line.origin()));
			};
			if (targets.isEmpty()) {
				return null;
			}
			if (targets.size() > AuditCandidate.PER_LINE) {
				throw new InventoryLineException(line.origin(), line.text(), "expands to " + targets.size()
						+ " endpoints, more than the " + AuditCandidate.PER_LINE + " one entry may have");
			}
			List<AuditCandidate> candidates = new ArrayList<>();
			for (int i = 0; i < targets.size(); i++) {
				candidates.add(new AuditCandidate(this.runId, line.lineId() * AuditCandidate.PER_LINE + i,
						targets.get(i), line.kind() == SourceKind.HOSTS || line.kind() == SourceKind.CERT_FILES));
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
