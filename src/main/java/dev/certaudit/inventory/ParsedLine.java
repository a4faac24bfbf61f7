package dev.certaudit.inventory;

import java.util.List;


/** An inventory entry after parsing: the candidates it asks for, or a rejection kept for the report. */
public record ParsedLine(List<AuditCandidate> candidates, Rejection rejection) {

	public ParsedLine {
		candidates = List.copyOf(candidates);
	}

}
