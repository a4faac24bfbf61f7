package dev.certaudit.probe;

import dev.certaudit.discovery.AuditTarget;
import dev.certaudit.inventory.Protocol;

/**
 * A target of a run with what fetching it brought back; the target keeps what discovery learnt about
 * its name, for the rules.
 */
public record ProbedTarget(AuditTarget target, ProbeResult probe) {

	public long runId() {
		return this.target.runId();
	}

	public long targetId() {
		return this.target.targetId();
	}

	/** The name clients use, or the path of a certificate file ({@link Protocol#FILE}). */
	public String host() {
		return this.target.target().host();
	}

	public Protocol protocol() {
		return this.target.target().protocol();
	}

}
